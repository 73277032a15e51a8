#pragma once

#include "queue/job.h"
#include "queue/newjob.h"
#include "util/error.h"

#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// The producer and consumer path of the jobs table: enqueue, claim,
// acknowledge. All of its SQL lives here; it runs on the connection it is
// given, so it belongs to that connection's thread.
class JobStore final
{
public:
    // Where a claim may start in claim order (priority first, then
    // ready_seq): the first job of the caller's last full claim. Everything
    // before it was taken then, so the claim seeks past those index entries
    // (dead until vacuum) instead of reading them (005_claim_seek.sql).
    struct ClaimFloor
    {
        int priority = 0;
        qint64 readySeq = 0;
    };

    struct ClaimRequest
    {
        QString queue;
        QString workerId;
        int limit = 1;
        int leaseSeconds = 60;
        std::optional<ClaimFloor> floor;   // none: scan from the head of the queue
        QString storeAfter;                // fair claims: the last store served
    };

    // A job as the worker that claimed it knows it: its id and the attempt
    // it claimed (the job's attempts just after that claim). Every write
    // about a claimed job names both, so a run whose job was rescued and
    // claimed again, a newer attempt, can no longer settle, extend or
    // report on it: the write changes nothing and reports the job lost.
    struct ClaimedAttempt
    {
        qint64 id = 0;
        int attempt = 0;
    };

    struct Completion
    {
        qint64 id = 0;
        int attempt = 0;
        QJsonObject result;
    };

    struct Failure
    {
        qint64 id = 0;
        int attempt = 0;
        QString message;
        bool permanent = false;      // no retry, straight to failed
    };

    struct HeartbeatReply
    {
        QList<qint64> cancelRequested;   // still ours; someone asked to cancel
        QList<qint64> lost;              // no longer ours: stop their handlers
    };

    struct FailOutcome
    {
        qint64 id = 0;
        JobState state = JobState::Failed;   // scheduled (will retry) or failed
        QDateTime runAt;
    };

    explicit JobStore(QSqlDatabase db);

    Result<qint64> enqueue(const NewJob &job);
    // Many jobs in one COPY: all or nothing. Returns how many were added.
    Result<qint64> enqueueMany(const QList<NewJob> &jobs);

    Result<QList<Job>> claim(const ClaimRequest &request);
    // Claim order: priority first, then ready_seq. The claim returns rows in
    // the order it updated them, not in this one.
    static bool claimsBefore(const Job &a, const Job &b);
    // The floor for the claim after one that returned these jobs (not empty):
    // the first of them in claim order.
    static ClaimFloor floorAfter(const QList<Job> &claimed);
    // Marks the claimed attempts of workerId completed; returns the ids it
    // changed (a missing one was no longer ours).
    Result<QList<qint64>> complete(const QString &workerId, const QList<Completion> &completions);
    Result<QList<FailOutcome>> fail(const QString &workerId, const QList<Failure> &failures);
    // Ends active jobs whose cancel was requested; returns the ids it changed.
    Result<QList<qint64>> markCancelled(const QString &workerId, const QList<ClaimedAttempt> &jobs);
    // Extends the leases of a worker's claimed attempts; says which of them
    // someone asked to cancel and which are no longer the worker's.
    Result<HeartbeatReply> heartbeat(const QString &workerId, const QList<ClaimedAttempt> &jobs, int leaseSeconds);
    Status reportProgress(const QString &workerId, ClaimedAttempt job, const QJsonObject &counters, double percent);

    // Jobs whose lease ran out (their worker died or lost its connection):
    // back to waiting with the attempt counted, or failed when none are
    // left. Row locks with SKIP LOCKED make exactly one rescuer act on each.
    Result<QList<qint64>> rescueExpired(int limit = 1000);
    // Gives a worker's unfinished jobs back (graceful shutdown): waiting again.
    // Whether a job given back has used up the attempt it was claimed for:
    // a job that ran (whatever became of its outcome) has; one that never
    // started or was stopped by a shutdown has not.
    enum class Attempt { NotUsed, Used };
    Result<QList<qint64>> release(const QString &workerId, const QList<ClaimedAttempt> &jobs,
                                  Attempt attempt = Attempt::NotUsed);

    Result<Job> job(qint64 id);

    // The holder of a unique key among unfinished jobs, for error messages.
    Error uniqueConflict(const QString &key, const QString &detail);
    Status requireQueues(const QStringList &queues);

private:
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {});
    Error mapError(Error error, const NewJob *job = nullptr);

    QSqlDatabase m_db;
};

} // namespace QueueDesk
