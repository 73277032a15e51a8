#pragma once

#include <QHash>
#include <QString>

namespace QueueDesk {

// How many jobs a queue may hold claimed beyond its executors. Claiming
// only for free executors costs a claim and an acknowledgement (two
// commits) per handful of jobs: short jobs then wait on commits, not on
// executors. Holding more is only worth it while a job runs for less than a
// claim takes; for long jobs a held job is one another worker could have
// run, so none are held. Both figures are moving averages of what this
// engine measured, so the choice follows the load rather than a setting.
class ClaimPacer final
{
public:
    explicit ClaimPacer(int batchSize);

    void recordRuntime(const QString &queue, qint64 micros);
    void recordClaim(qint64 micros);

    // Jobs to hold beyond `concurrency` executors: 0 until the queue's jobs
    // are known to be shorter than a claim, then up to the batch size.
    int prefetch(const QString &queue, int concurrency) const;

private:
    static double blend(double average, double sample);

    int m_batchSize;
    double m_claimMicros = -1;
    QHash<QString, double> m_runtimeMicros;
};

} // namespace QueueDesk
