#include "heldjobs.h"

namespace QueueDesk {

HeldJobs::HeldJobs(int limit)
    : m_limit(qMax(1, limit))
{
}

int HeldJobs::add(const QList<std::shared_ptr<JobContext>> &jobs)
{
    QMutexLocker lock(&m_mutex);
    m_jobs += jobs;
    if (m_paused)
        return 0;
    const int start = qMin(m_limit - m_executors, int(m_jobs.size()));
    if (start <= 0)
        return 0;
    m_executors += start;
    return start;
}

std::shared_ptr<JobContext> HeldJobs::next()
{
    QMutexLocker lock(&m_mutex);
    if (m_jobs.isEmpty() || m_paused) {
        --m_executors;
        return nullptr;
    }
    return m_jobs.takeFirst();
}

std::shared_ptr<JobContext> HeldJobs::remove(qint64 jobId)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_jobs.size(); ++i) {
        if (m_jobs.at(i)->jobId() == jobId)
            return m_jobs.takeAt(i);
    }
    return nullptr;
}

QList<std::shared_ptr<JobContext>> HeldJobs::takeAll()
{
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_jobs, {});
}

void HeldJobs::setPaused(bool paused)
{
    QMutexLocker lock(&m_mutex);
    m_paused = paused;
}

int HeldJobs::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_jobs.size());
}

int HeldJobs::executors() const
{
    QMutexLocker lock(&m_mutex);
    return m_executors;
}

} // namespace QueueDesk
