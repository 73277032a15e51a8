#pragma once

#include "engine/finishedjob.h"
#include "queue/jobstore.h"

#include <QList>

namespace QueueDesk {

// Writes the outcomes of finished jobs in batches: one statement for all
// completions, one for all failures, and so on; follow-up jobs of chains
// are enqueued before their parent is marked completed. An outcome the
// server refuses for what it holds fails its own job, never the batch.
class AckWriter final
{
public:
    struct Outcome
    {
        QList<FinishedJob> written;     // acknowledged (or no longer ours)
        QList<FinishedJob> retry;       // not written: keep and try again
        QList<qint64> lost;             // the database no longer had them as ours
        QList<qint64> retrying;         // failed, will run again
        Error error;                    // why retry is not empty
    };

    AckWriter(JobStore &store, QString workerId);
    Outcome write(QList<FinishedJob> jobs);

private:
    enum class Kind { Completed, Failed, Cancelled, Released };
    struct Written
    {
        QList<qint64> ids;        // the jobs the database still had as ours
        QList<qint64> retrying;   // of the failed ones, those that will run again
    };

    static Kind kindOf(const FinishedJob &job);
    void writeGroup(QList<FinishedJob> group, Outcome &outcome);
    void refused(FinishedJob job, const Error &why, Outcome &outcome);
    Result<Written> writeOnce(const QList<FinishedJob> &group);
    static Result<Written> written(const Result<QList<qint64>> &ids);
    Status enqueueChains(const QList<FinishedJob> &completed);
    QList<NewJob> followUps(const FinishedJob &job) const;

    JobStore &m_store;
    QString m_workerId;
};

} // namespace QueueDesk
