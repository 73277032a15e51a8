#include "jobtable.h"

#include "queue/queuestore.h"

namespace QueueDesk::Bench {

JobTable::JobTable(ScopedConnection &conn)
    : m_conn(conn)
{
}

Status JobTable::createQueue(const QString &name, std::optional<int> perStoreLimit)
{
    QueueConfig config;
    config.name = name;
    config.perStoreLimit = perStoreLimit;
    config.description = u"benchmark queue"_s;
    return QueueStore(m_conn.db()).create(config);
}

Status JobTable::setPerStoreLimit(const QString &queue, std::optional<int> perStoreLimit)
{
    QueueStore queues(m_conn.db());
    auto config = queues.get(queue);
    if (!config)
        return config.error();
    QueueConfig changed = config.value();
    changed.perStoreLimit = perStoreLimit;
    return queues.update(changed);
}

Status JobTable::preload(const QString &queue, qint64 count, int stores)
{
    auto inserted = m_conn.exec(
        u"INSERT INTO queuedesk.jobs (queue, type, store, payload) "
        u"SELECT ?, 'noop', CASE WHEN ?::integer > 0 THEN 'store-' || lpad((i % greatest(?::integer, 1))::text, 4, '0') "
        u"                       ELSE '' END, "
        u"       jsonb_build_object('i', i) "
        u"  FROM generate_series(1, ?::bigint) AS i ORDER BY i"_s,
        {queue, stores, stores, count});
    return inserted ? Status() : Status(inserted.error());
}

Result<QMap<QString, qint64>> JobTable::countByState()
{
    auto rows = m_conn.exec(u"SELECT state, count(*) FROM queuedesk.jobs GROUP BY state"_s);
    if (!rows)
        return rows.error();
    QMap<QString, qint64> counts;
    while (rows.value().next())
        counts.insert(rows.value().value(0).toString(), rows.value().value(1).toLongLong());
    return counts;
}

Result<JobTable::Stats> JobTable::stats()
{
    // The statistics snapshot is cached per transaction: clear it first.
    if (auto cleared = m_conn.exec(u"SELECT pg_stat_clear_snapshot()"_s); !cleared)
        return cleared.error();
    auto row = m_conn.exec(u"SELECT n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd, autovacuum_count, "
                           u"       autoanalyze_count "
                           u"  FROM pg_stat_user_tables WHERE relid = 'queuedesk.jobs'::regclass"_s);
    if (!row)
        return row.error();
    if (!row.value().next())
        return Error(Error::Code::NotFound, u"No statistics for queuedesk.jobs."_s);
    const QSqlQuery &q = row.value();
    return Stats{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                 q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong()};
}

Result<QList<JobTable::RelationSize>> JobTable::sizes()
{
    auto rows = m_conn.exec(
        u"SELECT 'queuedesk.jobs (heap)', pg_relation_size('queuedesk.jobs'::regclass), 0 "
        u"UNION ALL "
        u"SELECT indexrelid::regclass::text, pg_relation_size(indexrelid), 1 "
        u"  FROM pg_index WHERE indrelid = 'queuedesk.jobs'::regclass "
        u"ORDER BY 3, 1"_s);
    if (!rows)
        return rows.error();
    QList<RelationSize> sizes;
    while (rows.value().next())
        sizes.append({rows.value().value(0).toString(), rows.value().value(1).toLongLong()});
    return sizes;
}

QString formatBytes(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return u"%1 MB"_s.arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
    return u"%1 kB"_s.arg(double(bytes) / 1024, 0, 'f', 0);
}

} // namespace QueueDesk::Bench
