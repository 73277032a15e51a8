#pragma once

#include "db/poolstats.h"
#include "queue/metricspoint.h"
#include "queue/queuestats.h"
#include "util/error.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// The metrics history: one row per queue per sample, written by the
// scheduler leader, read by the dashboard's charts, pruned by age.
class MetricsStore final
{
public:
    struct Sample
    {
        QList<QueueCounts> counts;                 // depth of every queue (StatsStore::counts)
        QHash<QString, StoreBreakdown> stores;     // busiest stores per queue (StatsStore::storeLoad)
        PoolStats::Snapshot pool;
        QString sampledBy;                         // worker id
        qint64 intervalSeconds = 10;               // the first window of a queue without samples
    };

    explicit MetricsStore(QSqlDatabase db);

    // One statement: the given depth, plus what finished per queue since its
    // previous sample (at most an hour back), plus pg_stat_activity.
    // Returns the rows written.
    Result<int> record(const Sample &sample);
    // What a history read brings back: the charts' figures only, or with
    // each point's top stores and server connections (jsonb that costs the
    // server and the client ~10x the rest: read it for the latest points).
    enum class Detail { Figures, Full };

    // One queue's points from `since` on, oldest first.
    Result<QList<MetricsPoint>> history(const QString &queue, const QDateTime &since, Detail detail = Detail::Full);
    // Deletes points older than the age; returns how many.
    Result<qint64> prune(qint64 olderThanSeconds);

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
