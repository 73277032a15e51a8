#pragma once

#include "server.h"

#include "util/error.h"

#include <QList>
#include <QString>

namespace QueueDesk::EngineBench {


// Average and percentiles of measured durations, in milliseconds.
struct LatencyStats
{
    int samples = 0;
    double avg = 0;
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double max = 0;
    QString statements;   // --statements: the server's view of the run

    static LatencyStats fromNanos(QList<qint64> nanos);
};

// Enqueue-to-handler-start latency on an idle engine (1 process, 4
// executors): jobs are enqueued one at a time with a random 2-10 ms pause
// before each; the bench reads the steady clock right before the enqueue
// call and the handler reads it as it starts, in the same process.
// notify: JobStore::enqueue (INSERT + pg_notify in one statement).
// Otherwise a plain INSERT that wakes nobody, so only the poll finds it.
class LatencyRun final
{
public:
    struct Config
    {
        QString label;
        bool notify = true;
        int pollIntervalMs = 1000;
        int jobs = 1000;
        int warmup = 20;
    };

    static Result<LatencyStats> run(Server &server, const Config &config);
};

} // namespace QueueDesk::EngineBench
