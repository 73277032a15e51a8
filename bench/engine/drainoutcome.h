#pragma once

#include "util/error.h"

#include <QString>

namespace QueueDesk::EngineBench {

// One timed drain of N no-op jobs: by the engine, or by pgbench running
// the engine's SQL.
struct DrainOutcome
{
    QString config;
    qint64 jobs = 0;             // completed rows verified in the database
    double seconds = 0;          // from the go signal until the last acknowledgement
    double enqueuePerSecond = 0; // the enqueueMany that filled the table
    QString cpu;                 // CpuSample::describe
    double clientCpuUs = -1;     // per job, the engine's process(es)
    double serverCpuUs = -1;     // per job, the server's processes
    double hostBusyCores = -1;   // every process on the host, ours or not
    QString note;
    QString statements;          // --statements: the server's view of the drain

    double jobsPerSecond() const { return seconds > 0 ? jobs / seconds : 0; }
};

} // namespace QueueDesk::EngineBench
