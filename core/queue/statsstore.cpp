#include "statsstore.h"

#include "db/database.h"
#include "queue/sqlvalues.h"

#include <QSqlQuery>

namespace QueueDesk {

namespace {

// Unfinished jobs per queue: one branch per state, so each one reads only its
// own partial index (jobs_scheduled, jobs_claim, jobs_active). The waiting
// branch is either an exact count or, in Quick mode, a count of each queue's
// range of jobs_claim up to the bound (the first bind).
QString unfinishedCte(bool boundedWaiting)
{
    const QString waiting = boundedWaiting
        ? u"  UNION ALL SELECT q.name, 0, 0, (SELECT count(*) FROM (SELECT 1 FROM queuedesk.jobs j "
          u"    WHERE j.queue = q.name AND j.state = 'waiting' LIMIT ?) x), 0, 0 FROM queuedesk.queues q "_s
        : u"  UNION ALL SELECT queue, 0, 0, count(*), 0, 0 FROM queuedesk.jobs WHERE state = 'waiting' GROUP BY queue "_s;
    return u"WITH unfinished AS ("
           u"  SELECT queue, count(*) FILTER (WHERE attempts = 0) AS delayed, count(*) FILTER (WHERE attempts > 0) AS retrying, "
           u"         0::bigint AS waiting, 0::bigint AS active, 0::bigint AS stalled "
           u"    FROM queuedesk.jobs WHERE state = 'scheduled' GROUP BY queue "_s
        + waiting
        + u"  UNION ALL SELECT queue, 0, 0, 0, count(*), count(*) FILTER (WHERE lease_until < now()) "
          u"    FROM queuedesk.jobs WHERE state = 'active' GROUP BY queue), "
          u"counted AS (SELECT queue, sum(delayed)::bigint AS delayed, sum(retrying)::bigint AS retrying, "
          u"             sum(waiting)::bigint AS waiting, sum(active)::bigint AS active, sum(stalled)::bigint AS stalled "
          u"        FROM unfinished GROUP BY queue), "
          // The planner's most-common-value frequencies of queue and state:
          // how estimates past a bound share out the rows nobody counted.
          u"freq AS (SELECT s.attname, m.v, m.f::double precision AS f FROM pg_stats s "
          u"    CROSS JOIN LATERAL unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS m(v, f) "
          u"   WHERE s.schemaname = 'queuedesk' AND s.tablename = 'jobs' AND s.attname IN ('queue', 'state')), "_s;
}

// u: the unfinished figures as shown. Exact, or (Quick mode) a waiting count
// past the bound (the second bind) replaced by the scheduler leader's latest
// sample when it is at most a minute old (an exact count a few seconds ago),
// else by jobs_claim's estimated size less the queues counted in full,
// shared out by the queues' frequencies. An estimate is never below the bound.
QString unfinishedFigures(bool boundedWaiting)
{
    if (!boundedWaiting)
        return u"u AS (SELECT *, false AS waiting_over FROM counted)"_s;
    return u"wo AS (SELECT c.queue, c.waiting, "
           u"    (SELECT m.waiting FROM queuedesk.metrics m WHERE m.queue = c.queue "
           u"      AND m.at > now() - interval '1 minute' ORDER BY m.at DESC LIMIT 1) AS sampled, "
           u"    coalesce((SELECT f FROM freq WHERE attname = 'queue' AND v = c.queue), 0.0001) AS weight "
           u"  FROM counted c WHERE c.waiting > ?), "
           u"wt AS (SELECT greatest(coalesce((SELECT reltuples FROM pg_class "
           u"                                  WHERE oid = 'queuedesk.jobs_claim'::regclass), 0)::double precision "
           u"           - (SELECT coalesce(sum(waiting), 0) FROM counted WHERE queue NOT IN (SELECT queue FROM wo)), 0) "
           u"         AS remaining, (SELECT sum(weight) FROM wo) AS weights), "
           u"u AS (SELECT c.queue, c.delayed, c.retrying, c.active, c.stalled, wo.queue IS NOT NULL AS waiting_over, "
           u"    CASE WHEN wo.queue IS NULL THEN c.waiting "
           u"         ELSE greatest(c.waiting, coalesce(wo.sampled, round(wt.remaining * wo.weight / wt.weights)))::bigint "
           u"    END AS waiting "
           u"  FROM counted c LEFT JOIN wo ON wo.queue = c.queue CROSS JOIN wt)"_s;
}

const auto countsSelect =
    u" SELECT q.name, q.paused, coalesce(u.delayed, 0), coalesce(u.retrying, 0), coalesce(u.waiting, 0), "
    u"        coalesce(u.active, 0), coalesce(u.stalled, 0), "_s;

const auto countsTail = u", coalesce(u.waiting_over, false) "_s;

const QString exactFinished =
    u", f AS (SELECT queue, count(*) FILTER (WHERE state = 'completed') AS completed, "
    u"               count(*) FILTER (WHERE state = 'failed') AS failed, "
    u"               count(*) FILTER (WHERE state = 'cancelled') AS cancelled "
    u"          FROM queuedesk.jobs WHERE state IN ('completed', 'failed', 'cancelled') GROUP BY queue)"_s
    + countsSelect
    + u"coalesce(f.completed, 0), false, coalesce(f.failed, 0), false, coalesce(f.cancelled, 0), false"_s + countsTail
    + u"FROM queuedesk.queues q LEFT JOIN u ON u.queue = q.name LEFT JOIN f ON f.queue = q.name ORDER BY q.name"_s;

QString boundedCount(const QString &state)
{
    // The ORDER BY follows jobs_finished, so the planner walks that index
    // even for a queue it expects to be big: a LIMIT over a sequential scan
    // would read the whole table for a queue with few finished jobs.
    return u"(SELECT count(*) FROM (SELECT 1 FROM queuedesk.jobs j WHERE j.queue = q.name AND j.state = '%1' "
           u"ORDER BY j.finished_at DESC LIMIT ?) x)"_s.arg(state);
}

// b: each finished figure counted up to bound + 1 (a range of jobs_finished).
// Figures past the bound share the table's remaining rows in proportion to
// the planner's most-common-value frequencies of queue and state, which is
// what the planner itself would guess for them.
const QString estimatedFinished =
    u", b AS (SELECT q.name AS queue, s.state, s.n FROM queuedesk.queues q CROSS JOIN LATERAL (VALUES "
    u"    ('completed', "_s + boundedCount(u"completed"_s) + u"), ('failed', "_s + boundedCount(u"failed"_s)
    + u"), ('cancelled', "_s + boundedCount(u"cancelled"_s) + u")) AS s(state, n)), "
    u"w AS (SELECT b.queue, b.state, b.n, b.n > ? AS over, "
    u"    coalesce((SELECT f FROM freq WHERE attname = 'queue' AND v = b.queue), 0.0001) "
    u"  * coalesce((SELECT f FROM freq WHERE attname = 'state' AND v = b.state), 0.0001) AS weight FROM b), "
    u"t AS (SELECT c.reltuples >= 0 AS known, "
    u"    greatest(c.reltuples::double precision "
    u"             - (SELECT coalesce(sum(delayed + retrying + waiting + active), 0) FROM u) "
    u"             - (SELECT coalesce(sum(n), 0) FROM w WHERE NOT over), 0) AS remaining, "
    u"    (SELECT sum(weight) FROM w WHERE over) AS weights "
    u"  FROM pg_class c WHERE c.oid = 'queuedesk.jobs'::regclass), "
    u"e AS (SELECT w.queue, w.state, w.over, CASE WHEN w.over AND t.known "
    u"    THEN greatest(w.n, round(t.remaining * w.weight / t.weights))::bigint ELSE w.n END AS n FROM w, t)"_s
    + countsSelect
    + u"coalesce(c.n, 0), coalesce(c.over, false), coalesce(fl.n, 0), coalesce(fl.over, false), "
      u"coalesce(ca.n, 0), coalesce(ca.over, false)"_s + countsTail
    + u"FROM queuedesk.queues q LEFT JOIN u ON u.queue = q.name "
      u"LEFT JOIN e c ON c.queue = q.name AND c.state = 'completed' "
      u"LEFT JOIN e fl ON fl.queue = q.name AND fl.state = 'failed' "
      u"LEFT JOIN e ca ON ca.queue = q.name AND ca.state = 'cancelled' ORDER BY q.name"_s;

// Stores ranked by waiting jobs (jobs_store_claim) and active jobs
// (jobs_active); the rank decides which group a store falls in. The queue
// row makes an unknown queue come back empty and a queue without jobs as
// one row of NULLs.
const auto storeLoadSql =
    u"WITH known AS (SELECT name FROM queuedesk.queues WHERE name = ?), "
    u"s AS (SELECT store, sum(waiting)::bigint AS waiting, sum(active)::bigint AS active FROM ("
    u"    SELECT store, count(*) AS waiting, 0::bigint AS active FROM queuedesk.jobs "
    u"     WHERE queue = ? AND state = 'waiting' GROUP BY store "
    u"    UNION ALL SELECT store, 0, count(*) FROM queuedesk.jobs WHERE queue = ? AND state = 'active' GROUP BY store"
    u"  ) x GROUP BY store), "
    u"r AS (SELECT *, row_number() OVER (ORDER BY waiting DESC, active DESC, store) AS rank FROM s), "
    u"g AS (SELECT rank <= ? AS top, CASE WHEN rank <= ? THEN store END AS store, sum(waiting)::bigint AS waiting, "
    u"             sum(active)::bigint AS active, count(*) AS stores, min(rank) AS first_rank FROM r GROUP BY 1, 2) "
    u"SELECT g.top, g.store, g.waiting, g.active, g.stores FROM known LEFT JOIN g ON true ORDER BY g.first_rank"_s;

// Per queue, a range of jobs_finished (queue, state, finished_at) from the
// window's start; OFFSET 0 keeps the planner from flattening the LATERAL
// into one scan of the whole index. The cost follows the jobs finished in
// the window. The wait counts from when the job became due. The states are
// not all three finished ones on purpose: that list is jobs_finished's own
// predicate, which the planner then drops as implied, and with it the range
// on finished_at (723 ms instead of ~15 ms at 10M jobs). Cancelled runs say
// little about runtimes anyway.
const auto timingsSql =
    u"SELECT q.name, count(j.runtime), coalesce(avg(j.runtime), 0), "
    u"       coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY j.runtime), 0), "
    u"       coalesce(avg(j.wait), 0), coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY j.wait), 0) "
    u"  FROM queuedesk.queues q LEFT JOIN LATERAL ("
    u"    SELECT extract(epoch FROM f.finished_at - f.started_at)::double precision * 1000 AS runtime, "
    u"           extract(epoch FROM f.started_at - greatest(f.run_at, f.created_at))::double precision * 1000 AS wait "
    u"      FROM queuedesk.jobs f "
    u"     WHERE f.queue = q.name AND f.state IN ('completed', 'failed') "
    u"       AND f.finished_at >= now() - make_interval(secs => ?) AND f.started_at IS NOT NULL OFFSET 0) j ON true "
    u" WHERE (?::text IS NULL OR q.name = ?) GROUP BY q.name ORDER BY q.name"_s;

const auto throughputSql =
    u"WITH m AS (SELECT generate_series(date_trunc('minute', now()) - make_interval(mins => ?), "
    u"                                  date_trunc('minute', now()), interval '1 minute') AS minute), "
    u"q AS (SELECT name FROM queuedesk.queues WHERE (?::text IS NULL OR name = ?)), "
    u"c AS (SELECT q.name AS queue, date_trunc('minute', j.finished_at) AS minute, "
    u"             count(*) FILTER (WHERE j.state = 'completed') AS completed, "
    u"             count(*) FILTER (WHERE j.state = 'failed') AS failed "
    u"        FROM q CROSS JOIN LATERAL (SELECT f.state, f.finished_at FROM queuedesk.jobs f "
    u"         WHERE f.queue = q.name AND f.state IN ('completed', 'failed') "
    u"           AND f.finished_at >= (SELECT min(minute) FROM m) OFFSET 0) j GROUP BY 1, 2) "
    u"SELECT q.name, m.minute, coalesce(c.completed, 0), coalesce(c.failed, 0) "
    u"  FROM q CROSS JOIN m LEFT JOIN c ON c.queue = q.name AND c.minute = m.minute ORDER BY q.name, m.minute"_s;

QString aheadCount(const QString &sameStore)
{
    // Two ranges of jobs_claim / jobs_store_claim, in claim order: higher
    // priorities, then the same priority lined up earlier. Both bounded.
    return u"(SELECT count(*) FROM (SELECT 1 FROM queuedesk.jobs a WHERE a.queue = j.queue AND a.state = 'waiting' "
           u"%1 AND a.priority > j.priority LIMIT ?) x) + "
           u"(SELECT count(*) FROM (SELECT 1 FROM queuedesk.jobs a WHERE a.queue = j.queue AND a.state = 'waiting' "
           u"%1 AND a.priority = j.priority AND a.ready_seq < j.seq LIMIT ?) x)"_s.arg(sameStore);
}

// A due scheduled job gets a fresh ready_seq when the next claim lets it in,
// so every waiting job of its priority is ahead of it. The token refill is
// the one in queuedesk.claim (002_claim.sql).
const QString waitFactsSql =
    u"WITH j AS (SELECT id, queue, store, state, run_at, attempts, priority, locked_by, lease_until, finished_at, "
    u"    extract(epoch FROM run_at - now())::double precision AS due_in, "
    u"    (state = 'waiting' OR (state = 'scheduled' AND run_at <= now())) AS due, "
    u"    CASE WHEN state = 'waiting' THEN ready_seq ELSE 9223372036854775807 END AS seq "
    u"  FROM queuedesk.jobs WHERE id = ?), "
    u"q AS (SELECT q.name, q.paused, q.concurrency, q.rate_limit, q.store_concurrency, q.per_store_limit, "
    u"    least(q.rate_limit::double precision, coalesce(q.rate_tokens, q.rate_limit) "
    u"        + greatest(0, extract(epoch FROM clock_timestamp() - coalesce(q.rate_refilled_at, clock_timestamp()))) "
    u"          * q.rate_limit / 60.0) AS tokens "
    u"  FROM queuedesk.queues q JOIN j ON q.name = j.queue), "
    u"w AS (SELECT count(*) FILTER (WHERE w.heartbeat_at >= now() - make_interval(secs => ?)) AS live, "
    u"             count(*) FILTER (WHERE w.heartbeat_at < now() - make_interval(secs => ?)) AS stale "
    u"  FROM queuedesk.workers w JOIN j ON cardinality(w.queues) = 0 OR j.queue = ANY (w.queues) "
    u" WHERE w.state = 'running') "
    u"SELECT j.queue, j.store, j.state, j.run_at, j.due_in, j.attempts, j.locked_by, j.lease_until, j.finished_at, "
    u"  q.name IS NOT NULL, coalesce(q.paused, false), q.concurrency, q.rate_limit, q.store_concurrency, "
    u"  q.per_store_limit, q.tokens, "
    u"  (SELECT count(*) FROM queuedesk.jobs a WHERE a.queue = j.queue AND a.state = 'active'), "
    u"  (SELECT count(*) FROM queuedesk.jobs a WHERE a.queue = j.queue AND a.store = j.store AND a.state = 'active'), "
    u"  w.live, w.stale, "
    u"  CASE WHEN j.due THEN "_s + aheadCount(QString()) + u" END, "
    u"  CASE WHEN j.due AND (q.per_store_limit IS NOT NULL OR q.store_concurrency IS NOT NULL) THEN "_s
    + aheadCount(u"AND a.store = j.store"_s) + u" END "
    u", j.state = 'active' AND j.lease_until < now() "
    u"FROM j LEFT JOIN q ON true CROSS JOIN w"_s;

const auto stalledSql =
    u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'active' AND lease_until < now() "
    u"   AND (?::text IS NULL OR queue = ?)"_s;

std::optional<int> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<int>(value.toInt());
}

QueueCounts countsFrom(const QSqlQuery &q)
{
    QueueCounts c;
    c.queue = q.value(0).toString();
    c.paused = q.value(1).toBool();
    c.delayed = q.value(2).toLongLong();
    c.retrying = q.value(3).toLongLong();
    c.waiting = q.value(4).toLongLong();
    c.active = q.value(5).toLongLong();
    c.stalled = q.value(6).toLongLong();
    c.completed = {q.value(7).toLongLong(), q.value(8).toBool()};
    c.failed = {q.value(9).toLongLong(), q.value(10).toBool()};
    c.cancelled = {q.value(11).toLongLong(), q.value(12).toBool()};
    c.waitingEstimated = q.value(13).toBool();
    return c;
}

WaitFacts waitFactsFrom(const QSqlQuery &q)
{
    WaitFacts f;
    f.queue = q.value(0).toString();
    f.store = q.value(1).toString();
    f.state = jobStateFromName(q.value(2).toString()).value_or(JobState::Waiting);
    f.runAt = q.value(3).toDateTime();
    f.dueInSeconds = q.value(4).toDouble();
    f.attempts = q.value(5).toInt();
    f.lockedBy = q.value(6).toString();
    f.leaseUntil = q.value(7).toDateTime();
    f.finishedAt = q.value(8).toDateTime();
    f.queueExists = q.value(9).toBool();
    f.paused = q.value(10).toBool();
    f.concurrency = optionalInt(q.value(11));
    f.rateLimit = optionalInt(q.value(12));
    f.storeConcurrency = optionalInt(q.value(13));
    f.perStoreLimit = optionalInt(q.value(14));
    f.rateTokens = q.value(15).toDouble();
    f.active = q.value(16).toLongLong();
    f.storeActive = q.value(17).toLongLong();
    f.liveWorkers = q.value(18).toLongLong();
    f.staleWorkers = q.value(19).toLongLong();
    f.ahead = q.value(20).isNull() ? -1 : q.value(20).toLongLong();
    f.storeAhead = q.value(21).isNull() ? -1 : q.value(21).toLongLong();
    f.stalled = q.value(22).toBool();
    return f;
}

} // namespace

StatsStore::StatsStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QSqlQuery> StatsStore::exec(const QString &sql, const QVariantList &binds)
{
    return Database::exec(m_db, sql, binds);
}

Result<QList<QueueCounts>> StatsStore::counts(CountMode mode, qint64 bound)
{
    if (bound < 1)
        return Error(Error::Code::InvalidArgument, u"The count bound must be at least 1."_s);
    const bool quick = mode == CountMode::Quick;
    const QString unfinished = unfinishedCte(quick) + unfinishedFigures(quick);
    QVariantList binds;
    if (quick)
        binds << bound + 1 << bound;
    auto rows = mode == CountMode::Exact
                    ? exec(unfinished + exactFinished, binds)
                    : exec(unfinished + estimatedFinished, binds << bound + 1 << bound + 1 << bound + 1 << bound);
    if (!rows)
        return rows.error();
    QList<QueueCounts> counts;
    while (rows.value().next())
        counts.append(countsFrom(rows.value()));
    return counts;
}

Result<StoreBreakdown> StatsStore::storeLoad(const QString &queue, int top)
{
    if (top < 0)
        return Error(Error::Code::InvalidArgument, u"The number of stores to show cannot be negative."_s);
    auto rows = exec(storeLoadSql, {queue, queue, queue, top, top});
    if (!rows)
        return rows.error();
    QSqlQuery &q = rows.value();
    if (!q.next())
        return Error(Error::Code::UnknownQueue, u"There is no queue named \"%1\"."_s.arg(queue));
    StoreBreakdown breakdown;
    breakdown.queue = queue;
    do {
        if (q.value(0).isNull())
            continue;   // a queue without waiting or active jobs
        const StoreLoad load{q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong()};
        if (q.value(0).toBool()) {
            breakdown.top.append(load);
        } else {
            breakdown.others = {QString(), load.waiting, load.active};
            breakdown.otherStores = q.value(4).toLongLong();
        }
    } while (q.next());
    return breakdown;
}

Result<QList<QueueTimings>> StatsStore::timings(std::chrono::seconds window, const QString &queue)
{
    if (window.count() <= 0)
        return Error(Error::Code::InvalidArgument, u"The time window must be longer than zero."_s);
    auto rows = exec(timingsSql, {qint64(window.count()), SqlValues::textOrNull(queue), SqlValues::textOrNull(queue)});
    if (!rows)
        return rows.error();
    QList<QueueTimings> timings;
    while (rows.value().next()) {
        const QSqlQuery &q = rows.value();
        timings.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toDouble(), q.value(3).toDouble(),
                        q.value(4).toDouble(), q.value(5).toDouble()});
    }
    return timings;
}

Result<QList<QueueThroughput>> StatsStore::throughput(int minutes, const QString &queue)
{
    if (minutes < 1 || minutes > 7 * 24 * 60)
        return Error(Error::Code::InvalidArgument, u"Throughput covers 1 minute to 7 days."_s);
    auto rows = exec(throughputSql, {minutes - 1, SqlValues::textOrNull(queue), SqlValues::textOrNull(queue)});
    if (!rows)
        return rows.error();
    QList<QueueThroughput> series;
    while (rows.value().next()) {
        const QSqlQuery &q = rows.value();
        const QString name = q.value(0).toString();
        if (series.isEmpty() || series.last().queue != name)
            series.append({name, {}});
        series.last().minutes.append({q.value(1).toDateTime(), q.value(2).toLongLong(), q.value(3).toLongLong()});
    }
    return series;
}

Result<qint64> StatsStore::stalledCount(const QString &queue)
{
    auto row = exec(stalledSql, {SqlValues::textOrNull(queue), SqlValues::textOrNull(queue)});
    if (!row)
        return row.error();
    row.value().next();
    return row.value().value(0).toLongLong();
}

Result<WaitFacts> StatsStore::waitFacts(qint64 jobId, std::chrono::seconds workerStaleAfter, qint64 aheadLimit)
{
    if (workerStaleAfter.count() <= 0 || aheadLimit < 1)
        return Error(Error::Code::InvalidArgument, u"The staleness threshold and the count limit must be positive."_s);
    const qint64 stale = workerStaleAfter.count();
    const qint64 limit = aheadLimit + 1;   // one more tells "more than the limit" from "exactly"
    auto row = exec(waitFactsSql, {jobId, stale, stale, limit, limit, limit, limit});
    if (!row)
        return row.error();
    if (!row.value().next())
        return Error(Error::Code::NotFound, u"There is no job %1."_s.arg(jobId));
    WaitFacts facts = waitFactsFrom(row.value());
    facts.jobId = jobId;
    facts.aheadLimit = aheadLimit;
    facts.workerStaleAfterSeconds = stale;
    return facts;
}

} // namespace QueueDesk
