#pragma once

#include "util/error.h"

#include <QSqlDatabase>
#include <QString>

namespace QueueDesk {

// What the connected role may do with QueueDesk's tables and functions.
struct RolePermissions
{
    struct Table
    {
        bool select = false;
        bool insert = false;
        bool update = false;
        bool remove = false;   // DELETE
    };

    QString role;
    QString serverVersion;            // as the server reports it, e.g. "15.4"
    bool superuser = false;
    bool schemaExists = false;
    Table jobs;
    Table queues;
    bool canClaim = false;            // EXECUTE on queuedesk.claim
    bool canCreateSchema = false;     // CREATE on the database
    bool canCreateInSchema = false;   // CREATE on schema queuedesk
    bool ownsSchema = false;          // owner (or member of the owner) of queuedesk

    bool canPauseQueues() const { return queues.update; }
    // Migrations create tables and functions and may alter existing ones,
    // which takes the schema's owner (or a superuser).
    bool canMigrate() const
    {
        return superuser || (schemaExists ? ownsSchema && canCreateInSchema : canCreateSchema);
    }
    // The embedded engine claims, acknowledges and enqueues follow-up jobs.
    bool canRunWorker() const
    {
        return canClaim && jobs.select && jobs.insert && jobs.update && jobs.remove;
    }
};

// Asks PostgreSQL about the current role's privileges. Works before the
// schema exists (everything reads as not allowed), so it can run right
// after connecting.
class PermissionStore final
{
public:
    explicit PermissionStore(QSqlDatabase db);

    Result<RolePermissions> probe();

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
