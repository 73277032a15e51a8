#pragma once

#include "queue/bulkoutcome.h"
#include "queue/jobfilter.h"
#include "util/error.h"

#include <QSqlDatabase>

#include <functional>

namespace QueueDesk {

// What an operator does to jobs: cancel, retry, requeue, delete, reprioritise,
// run now, clean and retention. One job at a time (a refusal changes nothing
// and says why), or every job of a filter, in chunks of short transactions so
// a million-row action never holds a huge one. Jobs that a filter action
// cannot touch are skipped and counted by reason.
class JobActionStore final
{
public:
    // Told the number of matching jobs handled so far after every chunk;
    // returning false stops the action after that chunk.
    using Progress = std::function<bool(qint64 done)>;

    explicit JobActionStore(QSqlDatabase db);

    // Rows per statement and transaction; 10,000 unless set.
    void setChunkSize(int rows);

    // Waiting and scheduled jobs end at once; a running one is asked to stop.
    Status cancel(qint64 id);
    // Failed, cancelled and scheduled (retrying, delayed) jobs wait again.
    Status retry(qint64 id);
    // retry, and a completed job is cloned into a new waiting one. Returns
    // the id of the job that will run.
    Result<qint64> requeue(qint64 id);
    // Deletes a job that is not running.
    Status remove(qint64 id);
    Status setPriority(qint64 id, int priority);
    // A scheduled job becomes due now; a waiting one is left as it is.
    Status runNow(qint64 id);

    Result<BulkOutcome> cancel(const JobFilter &filter, const Progress &progress = {});
    Result<BulkOutcome> retry(const JobFilter &filter, const Progress &progress = {});
    Result<BulkOutcome> retryAllFailed(JobFilter filter, const Progress &progress = {});
    Result<BulkOutcome> requeue(const JobFilter &filter, const Progress &progress = {});
    Result<BulkOutcome> remove(const JobFilter &filter, const Progress &progress = {});
    Result<BulkOutcome> setPriority(const JobFilter &filter, int priority, const Progress &progress = {});
    Result<BulkOutcome> runNow(const JobFilter &filter, const Progress &progress = {});

    // Deletes the queue's jobs of a finished state that finished longer
    // than olderThanSeconds ago. Returns how many.
    Result<qint64> clean(const QString &queue, JobState state, qint64 olderThanSeconds);
    // The queue's retention rule: a finished job goes only when it is both
    // outside the newest N of its state and older than the age (cancelled
    // jobs follow the failed rule). Returns how many were deleted.
    Result<qint64> applyRetention(const QString &queue);

private:
    enum class Kind { Cancel, Retry, Requeue, Remove, SetPriority, RunNow };
    struct Action;
    struct Chunk;

    static Action actionFor(Kind kind, int priority = 0);

    Result<Chunk> runChunk(const Action &action, const JobFilter::Sql &where, qint64 after, qint64 upTo);
    Result<qint64> runOne(const Action &action, qint64 id, const QString &acceptedReason = {});
    Result<BulkOutcome> runBulk(const Action &action, const JobFilter &filter, const Progress &progress);
    Result<qint64> countMissing(const QList<qint64> &ids);
    Result<qint64> retainState(const QString &queue, JobState state);
    Result<qint64> deleteFinished(const QString &queue, JobState state, const QString &cutoff,
                                  const QString &boundaryAt = {}, qint64 boundaryId = 0);

    QSqlDatabase m_db;
    int m_chunkSize = 10000;
};

} // namespace QueueDesk
