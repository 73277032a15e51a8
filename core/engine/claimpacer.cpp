#include "claimpacer.h"

#include <QtGlobal>

namespace QueueDesk {

ClaimPacer::ClaimPacer(int batchSize)
    : m_batchSize(qMax(1, batchSize))
{
}

double ClaimPacer::blend(double average, double sample)
{
    // About the last twenty samples; the first one stands alone.
    return average < 0 ? sample : average + (sample - average) / 20.0;
}

void ClaimPacer::recordRuntime(const QString &queue, qint64 micros)
{
    const auto it = m_runtimeMicros.find(queue);
    m_runtimeMicros.insert(queue, blend(it == m_runtimeMicros.end() ? -1 : *it, double(qMax<qint64>(0, micros))));
}

void ClaimPacer::recordClaim(qint64 micros)
{
    m_claimMicros = blend(m_claimMicros, double(qMax<qint64>(0, micros)));
}

int ClaimPacer::prefetch(const QString &queue, int concurrency) const
{
    const auto runtime = m_runtimeMicros.constFind(queue);
    if (runtime == m_runtimeMicros.cend() || m_claimMicros < 0 || *runtime >= m_claimMicros)
        return 0;
    return qMax(0, m_batchSize - concurrency);
}

} // namespace QueueDesk
