#include "jobcontext.h"

namespace QueueDesk {

namespace {
constexpr qsizetype maxLogLines = 200;
}

JobContext::JobContext(qint64 jobId, QString type, QString queue, QString store, QJsonObject payload, int attempt,
                       int maxAttempts)
    : m_jobId(jobId)
    , m_type(std::move(type))
    , m_queue(std::move(queue))
    , m_store(std::move(store))
    , m_payload(std::move(payload))
    , m_attempt(attempt)
    , m_maxAttempts(maxAttempts)
{
}

void JobContext::progress(const QJsonObject &counters, double percent)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = counters.begin(); it != counters.end(); ++it)
        m_counters.insert(it.key(), it.value());
    if (percent >= 0)
        m_percent = qMin(percent, 100.0);
    m_changed = true;
}

void JobContext::log(const QString &line)
{
    QMutexLocker lock(&m_mutex);
    // Bounded: a chatty handler must not grow memory without end.
    if (m_log.size() >= maxLogLines)
        m_log.removeFirst();
    m_log.append(line);
    m_changed = true;
}

JobContext::ProgressReport JobContext::takeProgress()
{
    QMutexLocker lock(&m_mutex);
    ProgressReport report{m_counters, m_percent, std::exchange(m_log, {}), m_changed};
    m_changed = false;
    return report;
}

QJsonObject JobContext::counters() const
{
    QMutexLocker lock(&m_mutex);
    return m_counters;
}

double JobContext::percent() const
{
    QMutexLocker lock(&m_mutex);
    return m_percent;
}

} // namespace QueueDesk
