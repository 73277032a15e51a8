#pragma once

#include "scopedconnection.h"
#include "util/error.h"

#include <QList>
#include <QMap>

#include <optional>

namespace QueueDesk::Bench {

// Setup and measurement of queuedesk.jobs for the benchmarks: preloads,
// counts, dead tuples and sizes. The measured work itself goes through
// JobStore; this is the bench's own bookkeeping.
class JobTable final
{
public:
    struct Stats
    {
        qint64 live = 0;
        qint64 dead = 0;
        qint64 updates = 0;
        qint64 hotUpdates = 0;
        qint64 autovacuums = 0;
        qint64 autoanalyzes = 0;
    };

    struct RelationSize
    {
        QString name;
        qint64 bytes = 0;
    };

    explicit JobTable(ScopedConnection &conn);

    Status createQueue(const QString &name, std::optional<int> perStoreLimit = std::nullopt);
    Status setPerStoreLimit(const QString &queue, std::optional<int> perStoreLimit);
    // count waiting no-op jobs, store i % stores ("" when stores is 0), in
    // ready_seq order of i, so stores interleave along the claim order.
    Status preload(const QString &queue, qint64 count, int stores = 0);
    Result<QMap<QString, qint64>> countByState();
    Result<Stats> stats();
    // The table, then each of its indexes, in bytes (pg_relation_size).
    Result<QList<RelationSize>> sizes();

private:
    ScopedConnection &m_conn;
};

QString formatBytes(qint64 bytes);

} // namespace QueueDesk::Bench
