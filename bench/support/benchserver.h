#pragma once

#include "benchoptions.h"
#include "cpumeter.h"
#include "db/connectionsettings.h"
#include "db/localcluster.h"
#include "scopedconnection.h"
#include "util/error.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

namespace QueueDesk::Bench {

// The server every figure of one run is measured on: our own throwaway
// cluster (durable: fsync and synchronous_commit on) or the --dsn server.
// Each configuration runs in a fresh database cloned from a prepared
// template, so every run starts from the same table.
class BenchServer final
{
public:
    ~BenchServer();
    static Result<std::unique_ptr<BenchServer>> start(const BenchOptions &options);
    // Our own cluster in dataDir unless a dsn is given; keepCluster leaves
    // a cluster this call started running at exit.
    static Result<std::unique_ptr<BenchServer>> start(const QString &dataDir, const QString &dsn, bool keepCluster);

    ConnectionSettings settings(const QString &database) const;
    // libpq key=value string, for worker processes.
    QString dsn(const QString &database) const;
    // Drops and creates the database, as a file copy of templateName if given.
    Status recreate(const QString &database, const QString &templateName = {});
    Status drop(const QString &database);
    Status migrate(const QString &database);
    // VACUUM ANALYZE the jobs table, then CHECKPOINT: before every timed run.
    Status settle(const QString &database);
    // Waits until at most `remaining` other sessions are connected to the
    // database, so that ended sessions have flushed their statistics.
    Status waitIdle(const QString &database, int remaining = 0);

    QString describe();
    // Process ids of every server process (backends and background), for CPU accounting.
    QList<qint64> serverPids();
    // Runs one statement on the admin connection (server-wide settings, ALTER DATABASE).
    Status adminExec(const QString &sql);
    // Runs one statement in the given database, on a short-lived connection.
    Status execIn(const QString &database, const QString &sql);

    // pg_stat_statements counts every statement of a run (our own cluster
    // only, where it is preloaded with tracking off).
    void setTrackStatements(bool on) { m_trackStatements = on; }
    bool tracksStatements() const { return m_trackStatements; }
    // A diagnostic: run databases commit without waiting for the WAL flush
    // (fsync stays on), as in the peers' "off" runs.
    void setSynchronousCommit(bool on) { m_synchronousCommit = on; }
    bool synchronousCommit() const { return m_synchronousCommit; }
    // Connection arguments and environment for pgbench and psql.
    QStringList clientArgs(const QString &database) const;
    QProcessEnvironment clientEnvironment() const;
    // Server CPU is known only for our own cluster.
    CpuMeter cpuMeter() const;

private:
    BenchServer() = default;
    Status connectAdmin();

    ConnectionSettings m_server;
    std::unique_ptr<LocalCluster> m_cluster;
    bool m_stopAtExit = false;
    bool m_trackStatements = false;
    bool m_synchronousCommit = true;
    ScopedConnection m_admin;
};

} // namespace QueueDesk::Bench
