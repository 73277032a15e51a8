#include "ackchannel.h"

#include "db/database.h"
#include "queue/jobstore.h"

#include <QCoreApplication>

namespace QueueDesk {

AckChannel::AckChannel(ConnectionSettings settings, QString workerId, QString connectionName,
                       std::shared_ptr<PoolStats> poolStats, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_workerId(std::move(workerId))
    , m_connectionName(std::move(connectionName))
    , m_poolStats(std::move(poolStats))
    , m_threadContext(new QObject)
{
    m_thread.setObjectName(u"acks"_s);
    m_threadContext->moveToThread(&m_thread);
    // The connection belongs to the thread: it is closed there, last.
    connect(&m_thread, &QThread::finished, m_threadContext, [this] { closeConnection(); }, Qt::DirectConnection);
    m_thread.start();
}

AckChannel::~AckChannel()
{
    m_thread.quit();
    m_thread.wait();
    delete m_threadContext;
}

void AckChannel::write(QList<FinishedJob> batch, Reply reply)
{
    Q_ASSERT(!m_busy);
    m_busy = true;
    QMetaObject::invokeMethod(m_threadContext, [this, batch = std::move(batch), reply = std::move(reply)]() mutable {
        AckWriter::Outcome outcome = writeBatch(std::move(batch));
        QMetaObject::invokeMethod(this, [this, outcome = std::move(outcome), reply = std::move(reply)]() mutable {
            m_busy = false;
            reply(std::move(outcome));
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

AckWriter::Outcome AckChannel::writeNow(QList<FinishedJob> batch)
{
    if (m_busy) {
        // The thread runs in order: once this returns, the write in flight
        // is done and its reply waits in our queue; deliver it now.
        QMetaObject::invokeMethod(m_threadContext, [] {}, Qt::BlockingQueuedConnection);
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    }
    AckWriter::Outcome outcome;
    if (batch.isEmpty())
        return outcome;
    QMetaObject::invokeMethod(m_threadContext, [this, &batch, &outcome] { outcome = writeBatch(std::move(batch)); },
                              Qt::BlockingQueuedConnection);
    return outcome;
}

AckWriter::Outcome AckChannel::writeBatch(QList<FinishedJob> batch)
{
    if (m_db.isOpen() && Database::isConnectionBad(m_db))
        closeConnection();
    if (!m_db.isOpen()) {
        auto opened = Database::open(m_settings, m_connectionName);
        if (!opened) {
            AckWriter::Outcome outcome;
            outcome.retry = std::move(batch);
            outcome.error = opened.error();
            return outcome;
        }
        m_db = opened.value();
        m_store = std::make_unique<JobStore>(m_db);
        m_poolStats->total += 1;
    }
    PoolStats::Use use(m_poolStats.get());
    AckWriter::Outcome outcome = AckWriter(*m_store, m_workerId).write(std::move(batch));
    if (outcome.error.code == Error::Code::ConnectionLost || outcome.error.code == Error::Code::ConnectionFailed)
        closeConnection();
    return outcome;
}

void AckChannel::closeConnection()
{
    if (!m_store)
        return;
    m_store.reset();
    m_db = QSqlDatabase();
    Database::close(m_connectionName);
    m_poolStats->total -= 1;
}

} // namespace QueueDesk
