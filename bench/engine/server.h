#pragma once

#include "db/connectionsettings.h"
#include "db/localcluster.h"
#include "util/error.h"

#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

#include <memory>

namespace QueueDesk::EngineBench {

// The one server every figure of a run is measured on: a throwaway durable
// cluster (fsync and synchronous_commit on, the peers' harness settings) or
// an external server given by --dsn (e.g. the peers' own cluster).
class Server final
{
public:
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    static Result<std::unique_ptr<Server>> start(const QString &dataDir, const QString &dsn, bool keep);

    ConnectionSettings settings(const QString &database) const;
    // libpq key=value string, for the worker processes.
    QString dsn(const QString &database) const;
    // Drops and creates the database, as a file copy of templateName if given.
    Status recreate(const QString &database, const QString &templateName = {});
    Status drop(const QString &database);
    Status migrate(const QString &database);
    // VACUUM ANALYZE the jobs table and CHECKPOINT: before every timed drain.
    Status settle(const QString &database);
    // Process ids of every server process (backends and background), for CPU accounting.
    QList<qint64> serverPids();
    QString describe();
    // Runs one statement on the admin connection (server-wide settings, ALTER DATABASE).
    Status adminExec(const QString &sql);
    // Runs one statement in the given database, on a short-lived connection.
    Status execIn(const QString &database, const QString &sql);

    // --statements: pg_stat_statements counts every statement of a drain
    // (our own cluster only, where it is preloaded with tracking off).
    void setTrackStatements(bool on) { m_trackStatements = on; }
    bool tracksStatements() const { return m_trackStatements; }
    // --sync-commit off: a diagnostic, the run databases commit without
    // waiting for the WAL flush (fsync stays on), as in the peers' off runs.
    void setSynchronousCommit(bool on) { m_synchronousCommit = on; }
    bool synchronousCommit() const { return m_synchronousCommit; }

    QStringList clientArgs(const QString &database) const;
    QProcessEnvironment clientEnvironment() const;

private:
    Server() = default;
    Result<QSqlQuery> admin(const QString &sql);

    ConnectionSettings m_server;
    std::unique_ptr<LocalCluster> m_cluster;
    bool m_stopAtExit = false;
    bool m_trackStatements = false;
    bool m_synchronousCommit = true;
    QString m_adminName;
    QSqlDatabase m_admin;
};

} // namespace QueueDesk::EngineBench
