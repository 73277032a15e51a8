#include "sqlcanceller.h"

#include "db/database.h"
#include "engine/jobcontext.h"

#include <QThread>

#include <libpq-fe.h>

namespace QueueDesk {

namespace {
constexpr int pollMs = 50;
}

SqlCanceller::SqlCanceller(const QSqlDatabase &db, const JobContext &context, qint64 timeoutMs)
    : m_context(context)
    , m_deadline(timeoutMs > 0 ? QDeadlineTimer(timeoutMs) : QDeadlineTimer(QDeadlineTimer::Forever))
{
    if (PGconn *conn = Database::nativeHandle(db))
        m_cancel = PQgetCancel(conn);
    if (!m_cancel)
        return;   // nothing to cancel with; the statement simply runs to its end
    m_thread.reset(QThread::create([this] { watch(); }));
    m_thread->setObjectName(u"sql-canceller"_s);
    m_thread->start();
}

SqlCanceller::~SqlCanceller()
{
    if (m_thread) {
        {
            QMutexLocker lock(&m_mutex);
            m_done = true;
            m_finished.wakeAll();
        }
        m_thread->wait();
    }
    if (m_cancel)
        PQfreeCancel(m_cancel);
}

SqlCanceller::Reason SqlCanceller::reason() const
{
    QMutexLocker lock(&m_mutex);
    return m_reason;
}

void SqlCanceller::watch()
{
    QMutexLocker lock(&m_mutex);
    while (!m_done) {
        if (m_context.isCancelled() || m_deadline.hasExpired()) {
            if (m_reason == Reason::None)
                m_reason = m_context.isCancelled() ? Reason::Cancelled : Reason::TimedOut;
            // Sent again every poll: one that lands before the statement reaches
            // the server is ignored. Sent while holding the lock, so the
            // destructor cannot return, and the connection cannot start another
            // statement, until the request is out; a request that then finds the
            // backend idle is ignored by PostgreSQL.
            char message[256];
            PQcancel(m_cancel, message, int(sizeof message));
        }
        m_finished.wait(&m_mutex, pollMs);
    }
}

} // namespace QueueDesk
