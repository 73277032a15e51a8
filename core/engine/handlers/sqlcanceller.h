#pragma once

#include <QDeadlineTimer>
#include <QMutex>
#include <QSqlDatabase>
#include <QWaitCondition>

#include <memory>

struct pg_cancel;
class QThread;

namespace QueueDesk {

class JobContext;

// Watches a statement running on a connection from a helper thread, and asks
// the server to cancel it when the job is cancelled or its time is up. The
// executor thread is blocked inside libpq meanwhile, so it cannot look itself.
class SqlCanceller final
{
public:
    enum class Reason { None, Cancelled, TimedOut };

    // timeoutMs 0: no time limit.
    SqlCanceller(const QSqlDatabase &db, const JobContext &context, qint64 timeoutMs);
    // Stops watching. After this no cancel request can reach the connection,
    // so the next statement on it is safe.
    ~SqlCanceller();
    Q_DISABLE_COPY_MOVE(SqlCanceller)

    Reason reason() const;

private:
    void watch();

    const JobContext &m_context;
    const QDeadlineTimer m_deadline;
    pg_cancel *m_cancel = nullptr;
    mutable QMutex m_mutex;
    QWaitCondition m_finished;
    bool m_done = false;
    Reason m_reason = Reason::None;
    std::unique_ptr<QThread> m_thread;
};

} // namespace QueueDesk
