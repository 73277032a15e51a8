#include "healthstore.h"

#include "db/database.h"
#include "queue/sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

// The hour's figures sum the queue's metrics rows (a few hundred), so the
// rules never scan finished jobs; waiting is the latest sample's. Slow jobs
// are a range of jobs_active.
const auto factsSql =
    u"WITH h AS (SELECT queue, sum(completed) AS completed, sum(failed) AS failed, "
    u"    sum(runtime_avg_ms * (completed + failed)) FILTER (WHERE runtime_avg_ms IS NOT NULL) "
    u"      / nullif(sum(completed + failed) FILTER (WHERE runtime_avg_ms IS NOT NULL), 0) AS avg_ms "
    u"  FROM queuedesk.metrics WHERE at > now() - interval '1 hour' GROUP BY queue), "
    u"q AS (SELECT q.name, q.paused, q.health, "
    u"    CASE WHEN jsonb_typeof(q.health -> 'slow_factor') = 'number' "
    u"         THEN (q.health ->> 'slow_factor')::double precision ELSE ? END AS factor "
    u"  FROM queuedesk.queues q), "
    // One queue's absurd factor (1e300, or negative) must not overflow the
    // interval and fail the rules of every queue: a century at most.
    u"qs AS (SELECT q.*, least(greatest(q.factor * h.avg_ms / 1000, 0), 3153600000) AS slow_after_secs "
    u"  FROM q LEFT JOIN h ON h.queue = q.name) "
    u"SELECT q.name, q.paused, q.health::text, "
    u"  coalesce((SELECT m.waiting FROM queuedesk.metrics m WHERE m.queue = q.name ORDER BY m.at DESC LIMIT 1), 0), "
    u"  coalesce(h.completed, 0), coalesce(h.failed, 0), h.avg_ms, "
    u"  CASE WHEN h.avg_ms IS NULL THEN 0 ELSE (SELECT count(*) FROM queuedesk.jobs a "
    u"    WHERE a.queue = q.name AND a.state = 'active' "
    u"      AND a.started_at < now() - make_interval(secs => q.slow_after_secs)) END, "
    u"  q.factor, "
    u"  (SELECT count(*) FROM queuedesk.workers w WHERE w.state = 'running' "
    u"     AND w.heartbeat_at >= now() - make_interval(secs => ?) "
    u"     AND (cardinality(w.queues) = 0 OR q.name = ANY (w.queues))), "
    u"  coalesce(c.state, 'healthy') "
    u"FROM qs q LEFT JOIN h ON h.queue = q.name LEFT JOIN queuedesk.queue_health c ON c.queue = q.name "
    u"ORDER BY q.name"_s;

// One statement: the CTEs read the states before the upsert, so `prev`
// holds the old ones.
const auto applySql =
    u"WITH r AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(queue text, state text, reasons jsonb)), "
    u"k AS (SELECT r.* FROM r JOIN queuedesk.queues q ON q.name = r.queue), "
    u"prev AS (SELECT k.queue, coalesce(h.state, 'healthy') AS state FROM k "
    u"    LEFT JOIN queuedesk.queue_health h ON h.queue = k.queue), "
    u"up AS (INSERT INTO queuedesk.queue_health AS h (queue, state, reasons) SELECT queue, state, reasons FROM k "
    u"    ON CONFLICT (queue) DO UPDATE SET state = excluded.state, reasons = excluded.reasons, checked_at = now(), "
    u"      since = CASE WHEN h.state = excluded.state THEN h.since ELSE now() END), "
    u"ev AS (INSERT INTO queuedesk.health_events (queue, from_state, to_state, reasons) "
    u"    SELECT k.queue, p.state, k.state, k.reasons FROM k JOIN prev p ON p.queue = k.queue "
    u"     WHERE p.state <> k.state RETURNING id, at, queue, from_state, to_state, reasons) "
    u"SELECT id, at, queue, from_state, to_state, reasons::text, pg_notify('queuedesk_health', queue) "
    u"  FROM ev ORDER BY id"_s;

QList<HealthReason> reasonsFrom(const QVariant &value)
{
    QList<HealthReason> reasons;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &v : array)
        reasons.append(HealthReason::fromJson(v.toObject()));
    return reasons;
}

HealthState stateFrom(const QVariant &value)
{
    return healthStateFromName(value.toString()).value_or(HealthState::Healthy);
}

HealthEvent eventFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toDateTime().toUTC(), q.value(2).toString(), stateFrom(q.value(3)),
            stateFrom(q.value(4)), reasonsFrom(q.value(5))};
}

HealthFacts factsFrom(const QSqlQuery &q)
{
    HealthFacts f;
    f.queue = q.value(0).toString();
    f.paused = q.value(1).toBool();
    f.thresholds = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    f.waiting = q.value(3).toLongLong();
    f.completedLastHour = q.value(4).toLongLong();
    f.failedLastHour = q.value(5).toLongLong();
    f.avgRuntimeMs = q.value(6).isNull() ? -1.0 : q.value(6).toDouble();
    f.slowJobs = q.value(7).toLongLong();
    f.slowFactor = q.value(8).toDouble();
    f.liveWorkers = q.value(9).toLongLong();
    f.current = stateFrom(q.value(10));
    return f;
}

} // namespace

HealthStore::HealthStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QList<HealthFacts>> HealthStore::facts(qint64 workerStaleSeconds, double defaultSlowFactor)
{
    auto rows = Database::exec(m_db, factsSql, {defaultSlowFactor, workerStaleSeconds});
    if (!rows)
        return rows.error();
    QList<HealthFacts> facts;
    while (rows.value().next())
        facts.append(factsFrom(rows.value()));
    return facts;
}

Result<QList<HealthEvent>> HealthStore::apply(const QList<QueueHealth> &health)
{
    if (health.isEmpty())
        return QList<HealthEvent>();
    QJsonArray rows;
    for (const QueueHealth &h : health) {
        QJsonArray reasons;
        for (const HealthReason &reason : h.reasons)
            reasons.append(reason.toJson());
        rows.append(QJsonObject{{u"queue"_s, h.queue}, {u"state"_s, healthStateName(h.state)}, {u"reasons"_s, reasons}});
    }
    auto changed = Database::exec(m_db, applySql, {SqlValues::json(rows)});
    if (!changed)
        return changed.error();
    QList<HealthEvent> events;
    while (changed.value().next())
        events.append(eventFrom(changed.value()));
    return events;
}

Result<QList<QueueHealth>> HealthStore::current()
{
    auto rows = Database::exec(m_db, u"SELECT queue, state, reasons::text, since, checked_at FROM queuedesk.queue_health "
                                     u"ORDER BY queue"_s);
    if (!rows)
        return rows.error();
    QList<QueueHealth> list;
    while (rows.value().next()) {
        const QSqlQuery &q = rows.value();
        list.append({q.value(0).toString(), stateFrom(q.value(1)), reasonsFrom(q.value(2)),
                     q.value(3).toDateTime().toUTC(), q.value(4).toDateTime().toUTC()});
    }
    return list;
}

Result<QList<HealthEvent>> HealthStore::events(qint64 afterId, int limit)
{
    auto rows = Database::exec(m_db, u"SELECT id, at, queue, from_state, to_state, reasons::text "
                                     u"FROM queuedesk.health_events WHERE id > ? ORDER BY id LIMIT ?"_s,
                               {afterId, limit});
    if (!rows)
        return rows.error();
    QList<HealthEvent> list;
    while (rows.value().next())
        list.append(eventFrom(rows.value()));
    return list;
}

Result<qint64> HealthStore::pruneEvents(qint64 olderThanSeconds)
{
    auto pruned = Database::exec(m_db, u"DELETE FROM queuedesk.health_events WHERE at < now() - make_interval(secs => ?)"_s,
                                 {olderThanSeconds});
    if (!pruned)
        return pruned.error();
    return qint64(pruned.value().numRowsAffected());
}

} // namespace QueueDesk
