#include "jobactionstore.h"

#include "db/database.h"
#include "queue/jobstore.h"
#include "queue/sqlvalues.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace QueueDesk {

// How one action treats each job it meets: a verdict per job ('change',
// 'request', 'clone', or the reason it is skipped), and the CTEs that carry
// the verdicts out. The effects end in a CTE "done(id, queue, kind, waiting)":
// kind is 'change' or 'request'; waiting marks jobs that now wait to run.
struct JobActionStore::Action
{
    QString verb;
    QString verdict;        // the WHEN branches of a CASE over k.state, k.key_held
    QString effects;
    QVariantList binds;     // of the effects
};

struct JobActionStore::Chunk
{
    qint64 lastId = 0;
    qint64 seen = 0;
    qint64 changed = 0;
    qint64 requested = 0;
    QMap<QString, qint64> skipped;
    qint64 resultId = 0;    // the last job changed or created
};

namespace {

// One chunk of any action in one statement, so it is one short transaction:
// lock the next rows of the filter in id order, judge each, apply, report,
// and wake the dispatchers of the queues that got waiting jobs. key_held
// keeps a retry from breaking a unique key: an unfinished job holds it, or a
// newer job of this chunk claims it first.
const QString chunkSql = uR"(
WITH c AS (SELECT j.id, j.state, j.unique_key FROM queuedesk.jobs j
            WHERE %1 AND j.id > ? AND j.id <= ? ORDER BY j.id LIMIT ? FOR UPDATE OF j),
k AS (SELECT c.*, c.unique_key IS NOT NULL AND c.state IN ('failed', 'cancelled') AND (
          row_number() OVER (PARTITION BY c.unique_key, c.state IN ('failed', 'cancelled') ORDER BY c.id DESC) > 1
          OR EXISTS (SELECT 1 FROM queuedesk.jobs h WHERE h.unique_key = c.unique_key
                        AND h.state IN ('scheduled', 'waiting', 'active'))) AS key_held
        FROM c),
d AS (SELECT k.id, k.state, CASE %2 END AS verdict FROM k),
%3
SELECT (SELECT max(id) FROM c), (SELECT count(*) FROM c),
       (SELECT count(*) FROM done WHERE kind = 'change'),
       (SELECT count(*) FROM done WHERE kind = 'request'),
       (SELECT coalesce(jsonb_object_agg(verdict, n), '{}')::text
          FROM (SELECT verdict, count(*) AS n FROM d
                 WHERE verdict NOT IN ('change', 'request', 'clone') GROUP BY verdict) s),
       (SELECT max(id) FROM done),
       (SELECT count(pg_notify('queuedesk_jobs', queue)) FROM (SELECT DISTINCT queue FROM done WHERE waiting) w)
)"_s;

const QString toWaiting = uR"(
u AS (UPDATE queuedesk.jobs j
         SET state = 'waiting', run_at = now(), ready_seq = nextval('queuedesk.jobs_ready_seq'),
             finished_at = NULL, locked_by = NULL, lease_until = NULL, cancel_requested = false,
             max_attempts = greatest(j.max_attempts, j.attempts + 1)
        FROM d WHERE j.id = d.id AND d.verdict = 'change' RETURNING j.id, j.queue),
)"_s;

const QString retryVerdict = uR"(
WHEN k.state = 'active' THEN 'running' WHEN k.state = 'waiting' THEN 'already waiting'
WHEN k.state = 'completed' THEN %1 WHEN k.key_held THEN 'unique key held' ELSE 'change'
)"_s;

const QString cancelVerdict = uR"(
WHEN k.state IN ('scheduled', 'waiting') THEN 'change' WHEN k.state = 'active' THEN 'request' ELSE 'already finished'
)"_s;

// A running job is only asked to stop; its worker ends it.
const QString cancelEffects = uR"(
u AS (UPDATE queuedesk.jobs j SET state = 'cancelled', finished_at = now()
        FROM d WHERE j.id = d.id AND d.verdict = 'change' RETURNING j.id, j.queue),
r AS (UPDATE queuedesk.jobs j SET cancel_requested = true
        FROM d WHERE j.id = d.id AND d.verdict = 'request' RETURNING j.id, j.queue),
done AS (SELECT id, queue, 'change' AS kind, false AS waiting FROM u
         UNION ALL SELECT id, queue, 'request', false FROM r)
)"_s;

// The clone starts afresh; the completed original stays as it was.
const QString requeueClones = uR"(
n AS (INSERT INTO queuedesk.jobs (queue, type, store, payload, priority, max_attempts, created_by)
      SELECT j.queue, j.type, j.store, j.payload, j.priority, j.max_attempts, 'requeue of ' || j.id
        FROM d JOIN queuedesk.jobs j ON j.id = d.id WHERE d.verdict = 'clone' ORDER BY j.id
      RETURNING id, queue),
done AS (SELECT id, queue, 'change' AS kind, true AS waiting FROM u
         UNION ALL SELECT id, queue, 'change', true FROM n)
)"_s;

const QString removeEffects = uR"(
u AS (DELETE FROM queuedesk.jobs j USING d WHERE j.id = d.id AND d.verdict = 'change' RETURNING j.id, j.queue),
done AS (SELECT id, queue, 'change' AS kind, false AS waiting FROM u)
)"_s;

const QString priorityVerdict = uR"(
WHEN k.state IN ('scheduled', 'waiting') THEN 'change' WHEN k.state = 'active' THEN 'already running' ELSE 'finished'
)"_s;

// A waiting job changes claim lane, so it gets a fresh ready_seq: a
// dispatcher's floor in the new priority must not hide it.
const QString priorityEffects = uR"(
u AS (UPDATE queuedesk.jobs j SET priority = ?,
             ready_seq = CASE WHEN j.state = 'waiting' THEN nextval('queuedesk.jobs_ready_seq') ELSE j.ready_seq END
        FROM d WHERE j.id = d.id AND d.verdict = 'change' RETURNING j.id, j.queue, j.state = 'waiting' AS waiting),
done AS (SELECT id, queue, 'change' AS kind, waiting FROM u)
)"_s;

const QString runNowVerdict = uR"(
WHEN k.state = 'scheduled' THEN 'change' WHEN k.state = 'waiting' THEN 'already waiting'
WHEN k.state = 'active' THEN 'already running' ELSE 'finished'
)"_s;

QString refusal(const QString &reason, qint64 id)
{
    static const QHash<QString, QString> texts{
        {u"running"_s, u"Job %1 is running; cancel it first."_s},
        {u"already running"_s, u"Job %1 is already running."_s},
        {u"already finished"_s, u"Job %1 has already finished; there is nothing to cancel."_s},
        {u"completed"_s, u"Job %1 has completed; requeue it to run it again."_s},
        {u"already waiting"_s, u"Job %1 is already waiting to run."_s},
        {u"unique key held"_s, u"Job %1 cannot wait again while another unfinished job holds its unique key."_s},
        {u"finished"_s, u"Job %1 has finished; retry or requeue it to run it again."_s},
    };
    return texts.value(reason, u"Job %1 cannot be changed now ("_s + reason + u")."_s).arg(id);
}

Status withoutId(const Result<qint64> &done)
{
    return done ? Status() : Status(done.error());
}

} // namespace

JobActionStore::JobActionStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

void JobActionStore::setChunkSize(int rows)
{
    m_chunkSize = qMax(1, rows);
}

JobActionStore::Action JobActionStore::actionFor(Kind kind, int priority)
{
    const QString waitingDone = u"done AS (SELECT id, queue, 'change' AS kind, true AS waiting FROM u)"_s;
    switch (kind) {
    case Kind::Cancel:
        return {u"cancelled"_s, cancelVerdict, cancelEffects, {}};
    case Kind::Retry:
        return {u"retried"_s, retryVerdict.arg(u"'completed'"_s), toWaiting + waitingDone, {}};
    case Kind::Requeue:
        return {u"requeued"_s, retryVerdict.arg(u"'clone'"_s), toWaiting + requeueClones, {}};
    case Kind::Remove:
        return {u"deleted"_s, u"WHEN k.state = 'active' THEN 'running' ELSE 'change'"_s, removeEffects, {}};
    case Kind::SetPriority:
        return {u"reprioritised"_s, priorityVerdict, priorityEffects, {priority}};
    case Kind::RunNow:
        return {u"set to run now"_s, runNowVerdict, toWaiting + waitingDone, {}};
    }
    Q_UNREACHABLE();
    return {};
}

Result<JobActionStore::Chunk> JobActionStore::runChunk(const Action &action, const JobFilter::Sql &where,
                                                       qint64 after, qint64 upTo)
{
    QVariantList binds = where.binds;
    binds << after << upTo << m_chunkSize;
    binds += action.binds;
    auto query = Database::exec(m_db, chunkSql.arg(where.condition, action.verdict, action.effects), binds);
    if (!query)
        return query.error();
    QSqlQuery &q = query.value();
    if (!q.next())
        return Error(Error::Code::Database, u"PostgreSQL returned no outcome for a job action."_s);
    Chunk chunk;
    chunk.lastId = q.value(0).toLongLong();
    chunk.seen = q.value(1).toLongLong();
    chunk.changed = q.value(2).toLongLong();
    chunk.requested = q.value(3).toLongLong();
    const QJsonObject skipped = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    for (auto it = skipped.begin(); it != skipped.end(); ++it)
        chunk.skipped.insert(it.key(), it.value().toInteger());
    chunk.resultId = q.value(5).toLongLong();
    return chunk;
}

Result<qint64> JobActionStore::runOne(const Action &action, qint64 id, const QString &acceptedReason)
{
    JobFilter filter;
    filter.ids = {id};
    auto chunk = runChunk(action, filter.toSql(), id - 1, id);
    if (!chunk)
        return chunk.error();
    if (chunk->seen == 0)
        return Error(Error::Code::NotFound, u"There is no job %1."_s.arg(id));
    if (chunk->changed + chunk->requested > 0)
        return chunk->resultId;
    const QString reason = chunk->skipped.isEmpty() ? QString() : chunk->skipped.firstKey();
    if (!acceptedReason.isEmpty() && reason == acceptedReason)
        return id;
    return Error(Error::Code::WrongState, refusal(reason, id));
}

Result<qint64> JobActionStore::countMissing(const QList<qint64> &ids)
{
    auto missing = Database::exec(m_db, u"SELECT count(DISTINCT i) FROM unnest(?::bigint[]) AS i "
                                        u"WHERE NOT EXISTS (SELECT 1 FROM queuedesk.jobs WHERE id = i)"_s,
                                  {SqlValues::idArray(ids)});
    if (!missing)
        return missing.error();
    missing.value().next();
    return missing.value().value(0).toLongLong();
}

Result<BulkOutcome> JobActionStore::runBulk(const Action &action, const JobFilter &filter, const Progress &progress)
{
    if (!filter.queues.isEmpty()) {
        if (Status known = JobStore(m_db).requireQueues(filter.queues); !known)
            return known.error();
    }
    BulkOutcome outcome;
    outcome.verb = action.verb;
    if (!filter.ids.isEmpty()) {
        auto missing = countMissing(filter.ids);
        if (!missing)
            return missing.error();
        outcome.skip(u"not found"_s, missing.value());
    }
    // Jobs added after the action began are not the ones the operator saw,
    // and a requeue's clones must not be met again.
    auto top = Database::exec(m_db, u"SELECT coalesce(max(id), 0) FROM queuedesk.jobs"_s);
    if (!top)
        return top.error();
    top.value().next();
    const qint64 upTo = top.value().value(0).toLongLong();
    const JobFilter::Sql where = filter.toSql();
    qint64 after = 0;
    qint64 done = 0;
    // Until a chunk comes back empty: a short chunk is not the end, since
    // rows changed by others while we waited for their locks drop out of it.
    for (;;) {
        auto chunk = runChunk(action, where, after, upTo);
        if (!chunk) {
            Error error = chunk.error();
            error.message += u" %1 before it."_s.arg(outcome.summary());
            return error;
        }
        if (chunk->seen == 0)
            break;
        after = chunk->lastId;
        done += chunk->seen;
        outcome.changed += chunk->changed;
        outcome.requested += chunk->requested;
        for (auto it = chunk->skipped.cbegin(); it != chunk->skipped.cend(); ++it)
            outcome.skip(it.key(), it.value());
        if (progress && !progress(done)) {
            outcome.stopped = true;
            break;
        }
    }
    return outcome;
}

Status JobActionStore::cancel(qint64 id)
{
    return withoutId(runOne(actionFor(Kind::Cancel), id));
}

Status JobActionStore::retry(qint64 id)
{
    return withoutId(runOne(actionFor(Kind::Retry), id));
}

Result<qint64> JobActionStore::requeue(qint64 id)
{
    return runOne(actionFor(Kind::Requeue), id);
}

Status JobActionStore::remove(qint64 id)
{
    return withoutId(runOne(actionFor(Kind::Remove), id));
}

Status JobActionStore::setPriority(qint64 id, int priority)
{
    return withoutId(runOne(actionFor(Kind::SetPriority, priority), id));
}

Status JobActionStore::runNow(qint64 id)
{
    return withoutId(runOne(actionFor(Kind::RunNow), id, u"already waiting"_s));
}

Result<BulkOutcome> JobActionStore::cancel(const JobFilter &filter, const Progress &progress)
{
    return runBulk(actionFor(Kind::Cancel), filter, progress);
}

Result<BulkOutcome> JobActionStore::retry(const JobFilter &filter, const Progress &progress)
{
    return runBulk(actionFor(Kind::Retry), filter, progress);
}

Result<BulkOutcome> JobActionStore::retryAllFailed(JobFilter filter, const Progress &progress)
{
    filter.states = {JobState::Failed};
    return retry(filter, progress);
}

Result<BulkOutcome> JobActionStore::requeue(const JobFilter &filter, const Progress &progress)
{
    return runBulk(actionFor(Kind::Requeue), filter, progress);
}

Result<BulkOutcome> JobActionStore::remove(const JobFilter &filter, const Progress &progress)
{
    return runBulk(actionFor(Kind::Remove), filter, progress);
}

Result<BulkOutcome> JobActionStore::setPriority(const JobFilter &filter, int priority, const Progress &progress)
{
    return runBulk(actionFor(Kind::SetPriority, priority), filter, progress);
}

Result<BulkOutcome> JobActionStore::runNow(const JobFilter &filter, const Progress &progress)
{
    return runBulk(actionFor(Kind::RunNow), filter, progress);
}

Result<qint64> JobActionStore::clean(const QString &queue, JobState state, qint64 olderThanSeconds)
{
    if (!isFinished(state))
        return Error(Error::Code::InvalidArgument,
                     u"Only completed, failed or cancelled jobs can be cleaned, not %1 ones."_s.arg(jobStateName(state)));
    if (olderThanSeconds < 0)
        return Error(Error::Code::InvalidArgument, u"The age of jobs to clean cannot be negative."_s);
    if (Status known = JobStore(m_db).requireQueues({queue}); !known)
        return known.error();
    auto cutoff = Database::exec(m_db, u"SELECT (now() - make_interval(secs => ?))::text"_s, {olderThanSeconds});
    if (!cutoff)
        return cutoff.error();
    cutoff.value().next();
    return deleteFinished(queue, state, cutoff.value().value(0).toString());
}

Result<qint64> JobActionStore::applyRetention(const QString &queue)
{
    qint64 total = 0;
    for (JobState state : {JobState::Completed, JobState::Failed, JobState::Cancelled}) {
        auto deleted = retainState(queue, state);
        if (!deleted)
            return deleted.error();
        total += deleted.value();
    }
    return total;
}

Result<qint64> JobActionStore::retainState(const QString &queue, JobState state)
{
    // The newest N stay whatever their age: the (N+1)th newest is the
    // boundary, and only jobs at or behind it that are also older than the
    // age go. One short walk down the jobs_finished index finds it.
    const bool completed = state == JobState::Completed;
    const QString sql =
        u"SELECT (now() - q.%1)::text, b.finished_at::text, b.id FROM queuedesk.queues q "
        u"LEFT JOIN LATERAL (SELECT finished_at, id FROM queuedesk.jobs "
        u"                    WHERE queue = q.name AND state = ? AND finished_at IS NOT NULL "
        u"                    ORDER BY finished_at DESC, id DESC OFFSET q.%2 LIMIT 1) b ON true "
        u"WHERE q.name = ?"_s.arg(completed ? u"keep_completed_age"_s : u"keep_failed_age"_s,
                                  completed ? u"keep_completed"_s : u"keep_failed"_s);
    auto rule = Database::exec(m_db, sql, {jobStateName(state), queue});
    if (!rule)
        return rule.error();
    if (!rule.value().next())
        return Error(Error::Code::UnknownQueue, u"There is no queue named \"%1\"."_s.arg(queue));
    if (rule.value().value(1).isNull())
        return 0;
    return deleteFinished(queue, state, rule.value().value(0).toString(), rule.value().value(1).toString(),
                          rule.value().value(2).toLongLong());
}

Result<qint64> JobActionStore::deleteFinished(const QString &queue, JobState state, const QString &cutoff,
                                              const QString &boundaryAt, qint64 boundaryId)
{
    // Oldest first along the jobs_finished index, and each chunk starts
    // where the last ended, so no chunk walks over the ones deleted before.
    const QString boundary = boundaryAt.isEmpty()
        ? QString()
        : u"AND finished_at <= ?::timestamptz AND (finished_at, id) <= (?::timestamptz, ?) "_s;
    const QString sql =
        u"WITH d AS (DELETE FROM queuedesk.jobs WHERE id IN ("
        u"    SELECT id FROM queuedesk.jobs WHERE queue = ? AND state = ? AND finished_at >= ?::timestamptz "
        u"       AND finished_at < ?::timestamptz %1 ORDER BY finished_at LIMIT ?) RETURNING finished_at) "
        u"SELECT count(*), max(finished_at)::text FROM d"_s.arg(boundary);
    QString from = u"-infinity"_s;
    qint64 total = 0;
    for (;;) {
        QVariantList binds{queue, jobStateName(state), from, cutoff};
        if (!boundaryAt.isEmpty())
            binds << boundaryAt << boundaryAt << boundaryId;
        binds << m_chunkSize;
        auto deleted = Database::exec(m_db, sql, binds);
        if (!deleted)
            return deleted.error();
        deleted.value().next();
        const qint64 count = deleted.value().value(0).toLongLong();
        total += count;
        if (count < m_chunkSize)
            return total;
        from = deleted.value().value(1).toString();
    }
}

} // namespace QueueDesk
