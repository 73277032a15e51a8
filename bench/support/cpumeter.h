#pragma once

#include "util/error.h"

#include <QString>

namespace QueueDesk::Bench {

// CPU seconds spent during a run, split by who spent them: the PostgreSQL
// server (postmaster, its live children, and the reaped ones through the
// postmaster's cutime), this process, its reaped children (pgbench), and the
// host as a whole. On a shared 2-core box "other" tells whether something
// else competed for the cores while we measured.
class CpuMeter final
{
public:
    struct Sample
    {
        double server = -1;   // -1: unknown (an external server)
        double self = 0;
        double children = 0;
        double hostBusy = 0;
    };

    struct Usage
    {
        double server = -1;
        double client = 0;    // this process plus its reaped children
        double hostBusy = 0;
        double wall = 0;

        // CPU seconds of processes that were neither the server nor us.
        double other() const { return server < 0 ? -1 : hostBusy - server - client; }
        // "server 12.3 µs/job, client 4.5 µs/job, other 0.2 cores"
        QString perJob(double jobs) const;
    };

    // postmasterPidFile: <pgdata>/postmaster.pid, or empty for an external server.
    explicit CpuMeter(QString postmasterPidFile);

    Sample sample() const;
    // This process's CPU seconds alone: cheap, no /proc walk.
    static double selfSeconds();
    static Usage between(const Sample &before, const Sample &after, double wallSeconds);

private:
    double serverSeconds() const;

    QString m_pidFile;
};

} // namespace QueueDesk::Bench
