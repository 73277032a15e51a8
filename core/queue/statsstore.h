#pragma once

#include "queue/queuestats.h"
#include "util/error.h"

#include <QList>
#include <QSqlDatabase>

#include <chrono>

namespace QueueDesk {

// The monitor's read side: counts, per-store load, timings, throughput and
// the facts behind "why is this job waiting?". Each call is one round trip,
// and every read of unfinished states goes through the partial indexes of
// unfinished jobs, so it never walks the finished rows of a big table.
class StatsStore final
{
public:
    static constexpr qint64 DefaultCountBound = 10000;
    static constexpr qint64 DefaultAheadLimit = 10000;

    explicit StatsStore(QSqlDatabase db);

    // Every queue by state. Estimated mode counts each finished figure up to
    // `bound` through jobs_finished; past it, it shares out the table's
    // estimated finished rows (pg_class.reltuples minus the exact unfinished
    // counts) by the planner's statistics, and flags the figure. Quick mode
    // bounds the waiting figure the same way: past the bound it is the
    // scheduler leader's latest sample if at most a minute old, else an
    // estimate from the planner's statistics.
    Result<QList<QueueCounts>> counts(CountMode mode = CountMode::Estimated, qint64 bound = DefaultCountBound);
    // The `top` stores of a queue with the most waiting jobs, the rest summed.
    Result<StoreBreakdown> storeLoad(const QString &queue, int top = 10);
    // Jobs that finished in the last `window`; an empty queue name: all queues.
    Result<QList<QueueTimings>> timings(std::chrono::seconds window = std::chrono::hours(1),
                                        const QString &queue = {});
    // Completed and failed per minute over the last `minutes` (the current,
    // unfinished minute included).
    Result<QList<QueueThroughput>> throughput(int minutes = 60, const QString &queue = {});
    // Active jobs whose lease ran out: their worker is gone or hung.
    Result<qint64> stalledCount(const QString &queue = {});

    Result<WaitFacts> waitFacts(qint64 jobId, std::chrono::seconds workerStaleAfter = std::chrono::seconds(60),
                                qint64 aheadLimit = DefaultAheadLimit);

private:
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {});

    QSqlDatabase m_db;
};

} // namespace QueueDesk
