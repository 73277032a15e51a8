#pragma once

#include "engine/finishedjob.h"
#include "queue/jobstore.h"

#include <QList>

namespace QueueDesk {

// Writes the outcomes of finished jobs in batches: one statement for all
// completions, one for all failures, and so on; follow-up jobs of chains
// are enqueued before their parent is marked completed.
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
    Status enqueueChains(const QList<FinishedJob> &completed);
    QList<NewJob> followUps(const FinishedJob &job) const;

    JobStore &m_store;
    QString m_workerId;
};

} // namespace QueueDesk
