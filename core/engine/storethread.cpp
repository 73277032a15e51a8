#include "storethread.h"

#include "db/database.h"
#include "queue/jobstore.h"

namespace QueueDesk {

StoreThread::StoreThread(ConnectionSettings settings, const QString &name, const QString &workerId,
                         std::shared_ptr<PoolStats> poolStats, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_connectionName(u"qd-%1-%2"_s.arg(name, workerId))
    , m_poolStats(std::move(poolStats))
    , m_threadContext(new QObject)
{
    m_thread.setObjectName(name);
    m_threadContext->moveToThread(&m_thread);
    // The connection belongs to the thread: it is closed there, last.
    connect(&m_thread, &QThread::finished, m_threadContext, [this] { closeConnection(); }, Qt::DirectConnection);
    m_thread.start();
}

StoreThread::~StoreThread()
{
    m_thread.quit();
    m_thread.wait();
    delete m_threadContext;
}

void StoreThread::waitForIdle()
{
    if (!m_busy)
        return;
    // The thread runs in order: once this returns, the work in flight is
    // done and its reply waits in our queue.
    QMetaObject::invokeMethod(m_threadContext, [] {}, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

StoreThread::Store StoreThread::store()
{
    if (m_store && Database::isConnectionBad(m_db))
        closeConnection();
    if (!m_store) {
        auto opened = Database::open(m_settings, m_connectionName);
        if (!opened)
            return opened.error();
        m_db = opened.value();
        m_store = std::make_unique<JobStore>(m_db);
        m_poolStats->total += 1;
    }
    m_use.emplace(m_poolStats.get());
    return m_store.get();
}

void StoreThread::afterWork()
{
    m_use.reset();
    // A broken connection is dropped now, so that the next work opens a
    // fresh one instead of failing on this one first.
    if (m_store && Database::isConnectionBad(m_db))
        closeConnection();
}

void StoreThread::closeConnection()
{
    if (!m_store)
        return;
    m_store.reset();
    m_db = QSqlDatabase();
    Database::close(m_connectionName);
    m_poolStats->total -= 1;
}

} // namespace QueueDesk
