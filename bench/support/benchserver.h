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

    ConnectionSettings settings(const QString &database) const;
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
    ScopedConnection m_admin;
};

} // namespace QueueDesk::Bench
