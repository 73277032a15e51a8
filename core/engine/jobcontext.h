#pragma once

#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>

namespace QueueDesk {

// What a running handler sees of its job, and how it reports back. Shared
// between the executor thread (the handler) and the dispatcher (cancel
// requests, collecting progress), so every member is thread-safe.
class JobContext final
{
public:
    JobContext(qint64 jobId, QString type, QString queue, QString store, QJsonObject payload, int attempt, int maxAttempts);
    Q_DISABLE_COPY_MOVE(JobContext)

    qint64 jobId() const { return m_jobId; }
    const QString &type() const { return m_type; }
    const QString &queue() const { return m_queue; }
    const QString &store() const { return m_store; }
    const QJsonObject &payload() const { return m_payload; }
    int attempt() const { return m_attempt; }
    int maxAttempts() const { return m_maxAttempts; }

    // Counters (e.g. pages, businesses_found) merged into jobs.progress, and
    // percent (0..100, or -1 to leave it). The dispatcher writes them in batches.
    void progress(const QJsonObject &counters, double percent = -1);
    void log(const QString &line);

    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    void requestCancel() { m_cancelled.store(true, std::memory_order_relaxed); }

    struct ProgressReport
    {
        QJsonObject counters;    // all counters so far
        double percent = -1;
        QStringList logLines;    // new since the last take
        bool changed = false;
    };
    // For the dispatcher: what changed since the last call.
    ProgressReport takeProgress();
    QJsonObject counters() const;
    double percent() const;

private:
    const qint64 m_jobId;
    const QString m_type;
    const QString m_queue;
    const QString m_store;
    const QJsonObject m_payload;
    const int m_attempt;
    const int m_maxAttempts;
    std::atomic<bool> m_cancelled = false;

    mutable QMutex m_mutex;
    QJsonObject m_counters;
    double m_percent = -1;
    QStringList m_log;
    bool m_changed = false;
};

} // namespace QueueDesk
