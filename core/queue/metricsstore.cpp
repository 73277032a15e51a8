#include "metricsstore.h"

#include "db/database.h"
#include "queue/sqlvalues.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

// f: per queue, a range of jobs_finished (queue, state, finished_at) from the
// queue's previous sample, so each finished job counts in one interval.
const auto recordSql =
    u"WITH s AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS s(queue text, delayed bigint, retrying bigint, "
    u"    waiting bigint, active bigint, stalled bigint, completed_total bigint, failed_total bigint, "
    u"    cancelled_total bigint, totals_estimated boolean, top_stores jsonb)), "
    u"srv AS (SELECT coalesce(jsonb_object_agg(st, n), '{}') AS c FROM ("
    u"    SELECT coalesce(state, 'unknown') AS st, count(*) AS n FROM pg_stat_activity "
    u"     WHERE datname = current_database() AND backend_type = 'client backend' GROUP BY 1) x) "
    u"INSERT INTO queuedesk.metrics (at, queue, delayed, retrying, waiting, active, stalled, completed_total, "
    u"    failed_total, cancelled_total, totals_estimated, completed, failed, runtime_avg_ms, runtime_p95_ms, "
    u"    wait_avg_ms, wait_p95_ms, top_stores, pool_total, pool_idle, pool_in_use, pool_waiting, "
    u"    server_connections, sampled_by) "
    u"SELECT now(), s.queue, s.delayed, s.retrying, s.waiting, s.active, s.stalled, s.completed_total, "
    u"    s.failed_total, s.cancelled_total, s.totals_estimated, f.completed, f.failed, f.ravg, f.rp95, f.wavg, "
    u"    f.wp95, coalesce(s.top_stores, '[]'), ?, ?, ?, ?, srv.c, ? "
    u"  FROM s JOIN queuedesk.queues q ON q.name = s.queue CROSS JOIN srv "
    u"  CROSS JOIN LATERAL (SELECT greatest(coalesce((SELECT max(m.at) FROM queuedesk.metrics m WHERE m.queue = s.queue), "
    u"      now() - make_interval(secs => ?)), now() - interval '1 hour') AS since) w "
    u"  CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE j.state = 'completed') AS completed, "
    u"      count(*) FILTER (WHERE j.state = 'failed') AS failed, avg(j.runtime) AS ravg, "
    u"      percentile_cont(0.95) WITHIN GROUP (ORDER BY j.runtime) AS rp95, avg(j.wait) AS wavg, "
    u"      percentile_cont(0.95) WITHIN GROUP (ORDER BY j.wait) AS wp95 "
    u"    FROM (SELECT state, extract(epoch FROM finished_at - started_at)::double precision * 1000 AS runtime, "
    u"                 extract(epoch FROM started_at - greatest(run_at, created_at))::double precision * 1000 AS wait "
    u"            FROM queuedesk.jobs WHERE queue = s.queue AND state IN ('completed', 'failed') "
    u"             AND finished_at > w.since AND finished_at <= now() OFFSET 0) j) f "
    u"ON CONFLICT (queue, at) DO NOTHING"_s;

QString historySql(MetricsStore::Detail detail)
{
    const bool full = detail == MetricsStore::Detail::Full;
    return u"SELECT at, queue, delayed, retrying, waiting, active, stalled, completed_total, failed_total, cancelled_total, "
           u"       totals_estimated, completed, failed, runtime_avg_ms, runtime_p95_ms, wait_avg_ms, wait_p95_ms, "
           u"       %1, pool_total, pool_idle, pool_in_use, pool_waiting, %2, sampled_by "
           u"  FROM queuedesk.metrics WHERE queue = ? AND at >= ?::timestamptz ORDER BY at"_s
        .arg(full ? u"top_stores"_s : u"NULL"_s, full ? u"server_connections"_s : u"NULL"_s);
}

QJsonObject sampleRow(const QueueCounts &c, const StoreBreakdown &stores)
{
    QJsonArray top;
    for (const StoreLoad &load : stores.top)
        top.append(QJsonObject{{u"store"_s, load.store}, {u"waiting"_s, load.waiting}, {u"active"_s, load.active}});
    return {{u"queue"_s, c.queue}, {u"delayed"_s, c.delayed}, {u"retrying"_s, c.retrying}, {u"waiting"_s, c.waiting},
            {u"active"_s, c.active}, {u"stalled"_s, c.stalled}, {u"completed_total"_s, c.completed.value},
            {u"failed_total"_s, c.failed.value}, {u"cancelled_total"_s, c.cancelled.value},
            {u"totals_estimated"_s, c.completed.estimated || c.failed.estimated || c.cancelled.estimated},
            {u"top_stores"_s, top}};
}

double optionalMs(const QVariant &value)
{
    return value.isNull() ? -1.0 : value.toDouble();
}

MetricsPoint pointFrom(const QSqlQuery &q)
{
    MetricsPoint p;
    p.at = q.value(0).toDateTime().toUTC();
    p.queue = q.value(1).toString();
    p.delayed = q.value(2).toLongLong();
    p.retrying = q.value(3).toLongLong();
    p.waiting = q.value(4).toLongLong();
    p.active = q.value(5).toLongLong();
    p.stalled = q.value(6).toLongLong();
    p.completedTotal = q.value(7).toLongLong();
    p.failedTotal = q.value(8).toLongLong();
    p.cancelledTotal = q.value(9).toLongLong();
    p.totalsEstimated = q.value(10).toBool();
    p.completed = q.value(11).toLongLong();
    p.failed = q.value(12).toLongLong();
    p.runtimeAvgMs = optionalMs(q.value(13));
    p.runtimeP95Ms = optionalMs(q.value(14));
    p.waitAvgMs = optionalMs(q.value(15));
    p.waitP95Ms = optionalMs(q.value(16));
    if (!q.value(17).isNull())
        p.topStores = QJsonDocument::fromJson(q.value(17).toString().toUtf8()).array();
    p.poolTotal = q.value(18).toInt();
    p.poolIdle = q.value(19).toInt();
    p.poolInUse = q.value(20).toInt();
    p.poolWaiting = q.value(21).toInt();
    if (!q.value(22).isNull())
        p.serverConnections = QJsonDocument::fromJson(q.value(22).toString().toUtf8()).object();
    p.sampledBy = q.value(23).toString();
    return p;
}

} // namespace

MetricsStore::MetricsStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<int> MetricsStore::record(const Sample &sample)
{
    QJsonArray rows;
    for (const QueueCounts &counts : sample.counts)
        rows.append(sampleRow(counts, sample.stores.value(counts.queue)));
    if (rows.isEmpty())
        return 0;
    auto inserted = Database::exec(m_db, recordSql,
                                   {SqlValues::json(rows), sample.pool.total, sample.pool.idle, sample.pool.inUse,
                                    sample.pool.waiting, SqlValues::textOrNull(sample.sampledBy),
                                    qMax<qint64>(1, sample.intervalSeconds)});
    if (!inserted)
        return inserted.error();
    return inserted.value().numRowsAffected();
}

Result<QList<MetricsPoint>> MetricsStore::history(const QString &queue, const QDateTime &since, Detail detail)
{
    auto rows = Database::exec(m_db, historySql(detail), {queue, SqlValues::timestamp(since)});
    if (!rows)
        return rows.error();
    QList<MetricsPoint> points;
    while (rows.value().next())
        points.append(pointFrom(rows.value()));
    return points;
}

Result<qint64> MetricsStore::prune(qint64 olderThanSeconds)
{
    auto pruned = Database::exec(m_db, u"DELETE FROM queuedesk.metrics WHERE at < now() - make_interval(secs => ?)"_s,
                                 {olderThanSeconds});
    if (!pruned)
        return pruned.error();
    return qint64(pruned.value().numRowsAffected());
}

} // namespace QueueDesk
