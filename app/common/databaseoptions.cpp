#include "databaseoptions.h"

#include "db/localcluster.h"

#include <QStandardPaths>

#include <unistd.h>

namespace QueueDesk {

void DatabaseOptions::addTo(QCommandLineParser &parser)
{
    parser.addOption({u"dsn"_s, u"PostgreSQL connection (postgres://user@host/db or key=value); default $QUEUEDESK_DSN."_s,
                      u"dsn"_s});
    parser.addOption({u"local"_s, u"Use the embedded local PostgreSQL in <dir> (the default when no DSN is set)."_s,
                      u"dir"_s, defaultLocalDir()});
}

QString DatabaseOptions::defaultLocalDir()
{
    // PostgreSQL runs as an unprivileged user when we are root, and that
    // user cannot enter root's home: keep the cluster under /var/lib then.
    if (geteuid() == 0)
        return u"/var/lib/queuedesk/cluster"_s;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/queuedesk/cluster"_s;
}

DatabaseOptions::DatabaseOptions(const QCommandLineParser &parser)
    : m_dsn(parser.isSet(u"dsn"_s) ? parser.value(u"dsn"_s) : qEnvironmentVariable("QUEUEDESK_DSN"))
    , m_localDir(parser.value(u"local"_s))
{
    if (parser.isSet(u"local"_s))
        m_dsn.clear();
}

Result<ConnectionSettings> DatabaseOptions::resolve() const
{
    if (!m_dsn.isEmpty())
        return ConnectionSettings::fromDsn(m_dsn);
    LocalCluster cluster(m_localDir);
    if (Status started = cluster.ensureStarted(); !started)
        return started.error();
    return cluster.connectionSettings();
}

} // namespace QueueDesk
