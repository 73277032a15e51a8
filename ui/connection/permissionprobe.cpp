#include "permissionprobe.h"

#include "store/storeclient.h"

namespace QueueDesk {

PermissionProbe::PermissionProbe(StoreClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

void PermissionProbe::reset()
{
    m_permissions = {};
    m_hasResult = false;
}

void PermissionProbe::probe()
{
    struct Outcome
    {
        RolePermissions permissions;
        Error error;
    };
    m_client->run<Outcome>(
        this, u"permissions"_s,
        [](QSqlDatabase &db) {
            auto probed = PermissionStore(db).probe();
            return probed ? Outcome{probed.value(), {}} : Outcome{{}, probed.error()};
        },
        [this](const Outcome &outcome) {
            if (outcome.error.isError()) {
                emit failed(outcome.error);
                return;
            }
            m_permissions = outcome.permissions;
            m_hasResult = true;
            emit probed(m_permissions);
        });
}

QString PermissionProbe::pauseDenied(const RolePermissions &p)
{
    if (p.canPauseQueues())
        return {};
    return tr("The database role \"%1\" may not change queues (no UPDATE privilege on queuedesk.queues), "
              "so pausing and resuming are off.").arg(p.role);
}

QString PermissionProbe::enqueueDenied(const RolePermissions &p)
{
    if (p.jobs.insert)
        return {};
    return tr("The database role \"%1\" may not add jobs (no INSERT privilege on queuedesk.jobs).").arg(p.role);
}

QString PermissionProbe::createQueueDenied(const RolePermissions &p)
{
    if (p.queues.insert)
        return {};
    return tr("The database role \"%1\" may not create queues (no INSERT privilege on queuedesk.queues).").arg(p.role);
}

QString PermissionProbe::migrateDenied(const RolePermissions &p)
{
    if (p.canMigrate())
        return {};
    if (!p.schemaExists)
        return tr("The database role \"%1\" may not create a schema in this database (no CREATE privilege on "
                  "the database). Ask its administrator, or connect as the database's owner.").arg(p.role);
    return tr("Only the owner of the queuedesk schema (or a superuser) can change it, and \"%1\" is not.").arg(p.role);
}

QString PermissionProbe::workerDenied(const RolePermissions &p)
{
    if (p.canRunWorker())
        return {};
    if (!p.canClaim)
        return tr("The database role \"%1\" may not claim jobs (no EXECUTE privilege on queuedesk.claim).").arg(p.role);
    return tr("The database role \"%1\" may not add, change and remove jobs (it needs SELECT, INSERT, UPDATE and "
              "DELETE on queuedesk.jobs).").arg(p.role);
}

} // namespace QueueDesk
