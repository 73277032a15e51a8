#include "jobstore.h"

#include "db/database.h"
#include "db/preparedstatement.h"
#include "queue/copywriter.h"
#include "queue/sqlvalues.h"
#include "util/storabletext.h"

#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace QueueDesk {

JobStore::JobStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QSqlQuery> JobStore::exec(const QString &sql, const QVariantList &binds)
{
    auto result = Database::exec(m_db, sql, binds);
    if (!result)
        return mapError(result.error());
    return result;
}

Error JobStore::mapError(Error error, const NewJob *job)
{
    if (error.detail.contains(u"unknown queue"))
        return Error(Error::Code::UnknownQueue, u"There is no queue of that name."_s, error.detail);
    if (error.detail.contains(u"jobs_unique_key")) {
        static const QRegularExpression keyPattern(u"\\(unique_key\\)=\\((.*)\\) already exists"_s);
        const auto match = keyPattern.match(error.detail);
        return uniqueConflict(match.hasMatch() ? match.captured(1) : (job ? job->uniqueKey : QString()), error.detail);
    }
    return error;
}

Error JobStore::uniqueConflict(const QString &key, const QString &detail)
{
    auto holder = Database::exec(m_db, u"SELECT id, state FROM queuedesk.jobs WHERE unique_key = ? "
                                       u"AND state IN ('scheduled', 'waiting', 'active')"_s, {key});
    QString who;
    if (holder && holder.value().next())
        who = u" by job %1 (%2)"_s.arg(holder.value().value(0).toLongLong()).arg(holder.value().value(1).toString());
    return Error(Error::Code::UniqueConflict, u"The unique key \"%1\" is already held%2."_s.arg(key, who), detail);
}

Status JobStore::requireQueues(const QStringList &queues)
{
    auto known = exec(u"SELECT name FROM queuedesk.queues WHERE name = ANY (?::text[])"_s, {SqlValues::textArray(queues)});
    if (!known)
        return known.error();
    QSet<QString> found;
    while (known.value().next())
        found.insert(known.value().value(0).toString());
    for (const QString &queue : queues) {
        if (!found.contains(queue))
            return Error(Error::Code::UnknownQueue, u"There is no queue named \"%1\"."_s.arg(queue));
    }
    return {};
}

Result<qint64> JobStore::enqueue(const NewJob &job)
{
    if (Status valid = job.validate(); !valid)
        return valid.error();
    auto inserted = exec(
        u"WITH q AS (SELECT name, max_attempts FROM queuedesk.queues WHERE name = ?), "
        u"t AS (SELECT coalesce(?::timestamptz, now() + make_interval(secs => ?::double precision / 1000)) AS run_at), "
        u"ins AS (INSERT INTO queuedesk.jobs (queue, type, store, payload, priority, state, run_at, max_attempts, "
        u"                                  unique_key, parent_id, created_by) "
        u"  SELECT q.name, ?, ?, ?::jsonb, ?, CASE WHEN t.run_at > now() THEN 'scheduled' ELSE 'waiting' END, "
        u"         t.run_at, coalesce(?::integer, q.max_attempts), ?, ?, ? FROM q, t "
        u"  ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('scheduled', 'waiting', 'active') "
        u"  DO NOTHING RETURNING id, queue) "
        u"SELECT ins.id FROM ins, pg_notify('queuedesk_jobs', ins.queue)"_s,
        {job.queue, SqlValues::timestamp(job.runAt), job.delayMs, job.type, job.store,
         SqlValues::json(job.payload), job.priority,
         job.maxAttempts ? QVariant(*job.maxAttempts) : QVariant(), SqlValues::textOrNull(job.uniqueKey),
         job.parentId > 0 ? QVariant(job.parentId) : QVariant(), SqlValues::textOrNull(job.createdBy)});
    if (!inserted)
        return mapError(inserted.error(), &job);
    if (inserted.value().next())
        return inserted.value().value(0).toLongLong();
    if (Status known = requireQueues({job.queue}); !known)
        return known.error();
    return uniqueConflict(job.uniqueKey, {});
}

Result<qint64> JobStore::enqueueMany(const QList<NewJob> &jobs)
{
    if (jobs.isEmpty())
        return 0;
    QSet<QString> queueSet;
    for (const NewJob &job : jobs) {
        if (Status valid = job.validate(); !valid)
            return valid.error();
        queueSet.insert(job.queue);
    }
    const QStringList queues(queueSet.begin(), queueSet.end());
    if (!m_db.transaction())
        return Database::errorFrom(m_db.lastError(), u"begin bulk enqueue"_s);
    auto fail = [this](Error error) -> Result<qint64> {
        m_db.rollback();
        return error;
    };
    auto defaults = exec(u"SELECT name, max_attempts, now() FROM queuedesk.queues WHERE name = ANY (?::text[])"_s,
                         {SqlValues::textArray(queues)});
    if (!defaults)
        return fail(defaults.error());
    QHash<QString, int> maxAttempts;
    QDateTime now;
    while (defaults.value().next()) {
        maxAttempts.insert(defaults.value().value(0).toString(), defaults.value().value(1).toInt());
        now = defaults.value().value(2).toDateTime().toUTC();
    }
    for (const QString &queue : queues) {
        if (!maxAttempts.contains(queue))
            return fail(Error(Error::Code::UnknownQueue, u"There is no queue named \"%1\"."_s.arg(queue)));
    }
    CopyWriter copy(m_db, u"COPY queuedesk.jobs (queue, type, store, payload, priority, state, run_at, "
                          u"max_attempts, unique_key, parent_id, created_by) FROM STDIN"_s);
    if (Status started = copy.start(); !started)
        return fail(mapError(started.error()));
    for (const NewJob &job : jobs) {
        const QDateTime runAt = job.runAt.isValid() ? job.runAt.toUTC() : now.addMSecs(job.delayMs);
        copy.field(job.queue).field(job.type).field(job.store)
            .field(QJsonDocument(job.payload).toJson(QJsonDocument::Compact))
            .field(job.priority).field(runAt > now ? "scheduled" : "waiting")
            .field(runAt.toString(Qt::ISODateWithMs))
            .field(job.maxAttempts.value_or(maxAttempts.value(job.queue)))
            .fieldOrNull(job.uniqueKey).fieldOrNull(job.parentId).fieldOrNull(job.createdBy);
        if (Status row = copy.endRow(); !row)
            return fail(mapError(row.error()));
    }
    if (Status finished = copy.finish(); !finished)
        return fail(mapError(finished.error()));
    for (const QString &queue : queues) {
        if (auto notified = exec(u"SELECT pg_notify('queuedesk_jobs', ?)"_s, {queue}); !notified)
            return fail(notified.error());
    }
    if (!m_db.commit())
        return fail(Database::errorFrom(m_db.lastError(), u"commit bulk enqueue"_s));
    return qint64(jobs.size());
}

namespace {

// The engine's two statements per batch, prepared once per connection.
const PreparedStatement claimStatement("queuedesk_claim",
                                       "SELECT * FROM queuedesk.claim($1, $2, $3, $4, $5, $6, $7)");
// $1 ids, $2 the attempts claimed (in the same order), $3 the worker.
const PreparedStatement completeStatement(
    "queuedesk_complete_attempts",
    "UPDATE queuedesk.jobs j SET state = 'completed', finished_at = now(), lease_until = NULL, result = NULL "
    "  FROM unnest($1::bigint[], $2::int[]) AS claimed(id, attempt) "
    " WHERE j.id = claimed.id AND j.attempts = claimed.attempt AND j.state = 'active' AND j.locked_by = $3 "
    "RETURNING j.id");

// The ids and the attempts of claimed jobs, as two arrays in one order.
template<typename Claimed>
std::pair<QString, QString> attemptArrays(const QList<Claimed> &jobs)
{
    QList<qint64> ids, attempts;
    ids.reserve(jobs.size());
    attempts.reserve(jobs.size());
    for (const Claimed &job : jobs) {
        ids.append(job.id);
        attempts.append(job.attempt);
    }
    return {SqlValues::idArray(ids), SqlValues::idArray(attempts)};
}

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

} // namespace

Result<QList<Job>> JobStore::claim(const ClaimRequest &request)
{
    // The function returns only what a worker needs to run a job and hold
    // its lease; the rest (past errors, result, timestamps) would cost
    // parsing on every claim for nothing.
    auto claimed = claimStatement.exec(
        m_db,
        {request.queue.toUtf8(), request.workerId.toUtf8(), number(request.limit), number(request.leaseSeconds),
         request.floor ? number(request.floor->priority) : QByteArray(),
         request.floor ? number(request.floor->readySeq) : number(0),
         request.storeAfter.isEmpty() ? QByteArray() : request.storeAfter.toUtf8()},
        u"claim"_s);
    if (!claimed)
        return mapError(claimed.error());
    const PgResult &rows = claimed.value();
    const Job::Columns columns = Job::Columns::of(rows);
    QList<Job> jobs;
    jobs.reserve(rows.rows());
    for (int row = 0; row < rows.rows(); ++row)
        jobs.append(Job::fromResult(rows, row, columns));
    return jobs;
}

bool JobStore::claimsBefore(const Job &a, const Job &b)
{
    return a.priority != b.priority ? a.priority > b.priority : a.readySeq < b.readySeq;
}

JobStore::ClaimFloor JobStore::floorAfter(const QList<Job> &claimed)
{
    Q_ASSERT(!claimed.isEmpty());
    const Job &first = *std::min_element(claimed.cbegin(), claimed.cend(), claimsBefore);
    return {first.priority, first.readySeq};
}

Result<QList<qint64>> JobStore::complete(const QString &workerId, const QList<Completion> &completions)
{
    if (completions.isEmpty())
        return QList<qint64>();
    // Most jobs return no result: their ids go as one array literal, which
    // costs far less to build and to parse than a JSON object per job.
    QList<Completion> plain;
    QJsonArray rows;
    for (const Completion &completion : completions) {
        if (completion.result.isEmpty())
            plain.append(completion);
        else
            rows.append(QJsonObject{{u"id"_s, completion.id},
                                    {u"attempt"_s, completion.attempt},
                                    {u"result"_s, StorableText::result(completion.result)}});
    }
    if (rows.isEmpty()) {
        const auto [ids, attempts] = attemptArrays(plain);
        auto done = completeStatement.exec(m_db, {ids.toLatin1(), attempts.toLatin1(), workerId.toUtf8()},
                                           u"complete"_s);
        if (!done)
            return done.error();
        QList<qint64> completed;
        completed.reserve(done->rows());
        for (int row = 0; row < done->rows(); ++row)
            completed.append(done->toLongLong(row, 0));
        return completed;
    }
    for (const Completion &completion : std::as_const(plain))
        rows.append(QJsonObject{{u"id"_s, completion.id}, {u"attempt"_s, completion.attempt}});
    auto done = exec(u"UPDATE queuedesk.jobs j SET state = 'completed', finished_at = now(), lease_until = NULL, "
                     u"       result = r.result "
                     u"  FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, attempt int, result jsonb) "
                     u" WHERE j.id = r.id AND j.attempts = r.attempt AND j.state = 'active' AND j.locked_by = ? "
                     u"RETURNING j.id"_s,
                     {SqlValues::json(rows), workerId});
    return SqlValues::ids(done);
}

Result<QList<JobStore::FailOutcome>> JobStore::fail(const QString &workerId, const QList<Failure> &failures)
{
    if (failures.isEmpty())
        return QList<FailOutcome>();
    QJsonArray rows;
    for (const Failure &failure : failures)
        rows.append(QJsonObject{{u"id"_s, failure.id},
                                {u"attempt"_s, failure.attempt},
                                {u"message"_s, StorableText::text(failure.message, StorableText::maxMessageChars)},
                                {u"permanent"_s, failure.permanent}});
    // Backoff: base * 2^(attempt-1), capped, then +-10% jitter. The exponent
    // stops at 40 (base * 2^40 is past any cap an int column holds), so the
    // thousandth retry cannot overflow a double.
    auto failed = exec(
        u"WITH r AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, attempt int, message text, permanent boolean)), "
        u"d AS (SELECT j.id, r.message, (r.permanent OR j.attempts >= j.max_attempts) AS final, "
        u"             least(q.backoff_max_ms::double precision, q.backoff_base_ms * power(2, least(j.attempts - 1, 40))) "
        u"               * (0.9 + random() * 0.2) AS delay_ms "
        u"        FROM r JOIN queuedesk.jobs j ON j.id = r.id JOIN queuedesk.queues q ON q.name = j.queue "
        u"       WHERE j.attempts = r.attempt AND j.state = 'active' AND j.locked_by = ?) "
        u"UPDATE queuedesk.jobs j "
        u"   SET state = CASE WHEN d.final THEN 'failed' ELSE 'scheduled' END, "
        u"       run_at = CASE WHEN d.final THEN j.run_at ELSE now() + make_interval(secs => d.delay_ms / 1000) END, "
        u"       finished_at = CASE WHEN d.final THEN now() END, lease_until = NULL, "
        u"       errors = coalesce(j.errors, '[]'::jsonb) || jsonb_build_array(jsonb_build_object("
        u"           'at', now(), 'attempt', j.attempts, 'worker', j.locked_by, 'message', d.message)) "
        u"  FROM d WHERE j.id = d.id "
        u"RETURNING j.id, j.state, j.run_at"_s,
        {SqlValues::json(rows), workerId});
    if (!failed)
        return failed.error();
    QList<FailOutcome> outcomes;
    while (failed.value().next()) {
        const QSqlQuery &q = failed.value();
        outcomes.append({q.value(0).toLongLong(), jobStateFromName(q.value(1).toString()).value_or(JobState::Failed),
                         q.value(2).toDateTime()});
    }
    return outcomes;
}

Result<QList<qint64>> JobStore::markCancelled(const QString &workerId, const QList<ClaimedAttempt> &jobs)
{
    const auto [ids, attempts] = attemptArrays(jobs);
    auto cancelled = exec(u"UPDATE queuedesk.jobs j SET state = 'cancelled', finished_at = now(), lease_until = NULL "
                          u"  FROM unnest(?::bigint[], ?::int[]) AS claimed(id, attempt) "
                          u" WHERE j.id = claimed.id AND j.attempts = claimed.attempt "
                          u"   AND j.state = 'active' AND j.locked_by = ? RETURNING j.id"_s,
                          {ids, attempts, workerId});
    return SqlValues::ids(cancelled);
}

Result<JobStore::HeartbeatReply> JobStore::heartbeat(const QString &workerId, const QList<ClaimedAttempt> &jobs,
                                                     int leaseSeconds)
{
    if (jobs.isEmpty())
        return HeartbeatReply{};
    const auto [ids, attempts] = attemptArrays(jobs);
    // One row per claimed attempt: extended (still ours) or not (lost).
    auto beat = exec(u"WITH claimed AS (SELECT * FROM unnest(?::bigint[], ?::int[]) AS c(id, attempt)), "
                     u"extended AS (UPDATE queuedesk.jobs j SET lease_until = now() + make_interval(secs => ?) "
                     u"               FROM claimed c "
                     u"              WHERE j.id = c.id AND j.attempts = c.attempt "
                     u"                AND j.state = 'active' AND j.locked_by = ? "
                     u"          RETURNING j.id, j.cancel_requested) "
                     u"SELECT c.id, e.id IS NOT NULL AS ours, coalesce(e.cancel_requested, false) "
                     u"  FROM claimed c LEFT JOIN extended e ON e.id = c.id"_s,
                     {ids, attempts, leaseSeconds, workerId});
    if (!beat)
        return beat.error();
    HeartbeatReply reply;
    while (beat.value().next()) {
        const qint64 id = beat.value().value(0).toLongLong();
        if (!beat.value().value(1).toBool())
            reply.lost.append(id);
        else if (beat.value().value(2).toBool())
            reply.cancelRequested.append(id);
    }
    return reply;
}

Status JobStore::reportProgress(const QString &workerId, ClaimedAttempt job, const QJsonObject &counters,
                                double percent)
{
    if (percent > 100 || (percent < 0 && percent != -1))
        return Error(Error::Code::InvalidArgument, u"Progress must be between 0 and 100 percent."_s);
    auto updated = exec(u"UPDATE queuedesk.jobs SET progress = coalesce(progress, '{}'::jsonb) || ?::jsonb, "
                        u"       progress_pct = coalesce(?::real, progress_pct) "
                        u" WHERE id = ? AND attempts = ? AND state = 'active' AND locked_by = ? RETURNING id"_s,
                        {SqlValues::json(QJsonObject(StorableText::json(counters).toObject())),
                         percent < 0 ? QVariant() : QVariant(percent), job.id, job.attempt, workerId});
    if (!updated)
        return updated.error();
    if (!updated.value().next())
        return Error(Error::Code::WrongState, u"Job %1 is not running on this worker."_s.arg(job.id));
    return {};
}

Result<QList<qint64>> JobStore::rescueExpired(int limit)
{
    auto rescued = exec(
        u"UPDATE queuedesk.jobs j "
        u"   SET state = CASE WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'waiting' END, "
        u"       ready_seq = nextval('queuedesk.jobs_ready_seq'), lease_until = NULL, "
        u"       finished_at = CASE WHEN j.attempts >= j.max_attempts THEN now() END, "
        u"       errors = coalesce(j.errors, '[]'::jsonb) || jsonb_build_array(jsonb_build_object("
        u"           'at', now(), 'attempt', j.attempts, 'worker', j.locked_by, "
        u"           'message', 'lease expired: the worker stopped answering')) "
        u" WHERE j.id = ANY (ARRAY(SELECT id FROM queuedesk.jobs WHERE state = 'active' AND lease_until < now() "
        u"                         LIMIT ? FOR UPDATE SKIP LOCKED)) "
        u"RETURNING j.id, j.queue, j.state"_s,
        {limit});
    if (!rescued)
        return rescued.error();
    QList<qint64> ids;
    QSet<QString> wake;
    while (rescued.value().next()) {
        ids.append(rescued.value().value(0).toLongLong());
        if (rescued.value().value(2).toString() == u"waiting")
            wake.insert(rescued.value().value(1).toString());
    }
    for (const QString &queue : wake)
        (void)exec(u"SELECT pg_notify('queuedesk_jobs', ?)"_s, {queue});
    return ids;
}

Result<QList<qint64>> JobStore::release(const QString &workerId, const QList<ClaimedAttempt> &jobs, Attempt attempt)
{
    if (jobs.isEmpty())
        return QList<qint64>();
    const auto [ids, attempts] = attemptArrays(jobs);
    auto released = exec(u"UPDATE queuedesk.jobs j SET state = 'waiting', "
                         u"       attempts = CASE WHEN ? THEN j.attempts ELSE greatest(j.attempts - 1, 0) END, "
                         u"       ready_seq = nextval('queuedesk.jobs_ready_seq'), lease_until = NULL, locked_by = NULL "
                         u"  FROM unnest(?::bigint[], ?::int[]) AS claimed(id, attempt) "
                         u" WHERE j.id = claimed.id AND j.attempts = claimed.attempt "
                         u"   AND j.state = 'active' AND j.locked_by = ? RETURNING j.id"_s,
                         {attempt == Attempt::Used, ids, attempts, workerId});
    return SqlValues::ids(released);
}

Result<Job> JobStore::job(qint64 id)
{
    auto found = exec(u"SELECT * FROM queuedesk.jobs WHERE id = ?"_s, {id});
    if (!found)
        return found.error();
    if (!found.value().next())
        return Error(Error::Code::NotFound, u"There is no job %1."_s.arg(id));
    return Job::fromQuery(found.value());
}

} // namespace QueueDesk
