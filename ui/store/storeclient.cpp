#include "storeclient.h"

#include "store/storeworker.h"

namespace QueueDesk {

StoreClient::StoreClient(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QueueDesk::Error>();
    qRegisterMetaType<QueueDesk::StoreClient::ConnectionState>();
    m_thread.setObjectName(u"store"_s);
    m_worker = new StoreWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StoreWorker::stateChanged, this, [this](int state, const Error &error) {
        setState(static_cast<ConnectionState>(state), error);
    });
    m_thread.start();
}

StoreClient::~StoreClient()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void StoreClient::setState(ConnectionState state, const Error &error)
{
    m_state = state;
    emit connectionStateChanged(state, error);
}

void StoreClient::connectTo(const ConnectionSettings &settings)
{
    m_settings = settings;
    setState(ConnectionState::Connecting, {});
    QMetaObject::invokeMethod(m_worker, [w = m_worker, settings] { w->open(settings); }, Qt::QueuedConnection);
}

void StoreClient::disconnectFromServer()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); }, Qt::QueuedConnection);
    setState(ConnectionState::Disconnected, {});
}

void StoreClient::submit(QObject *receiver, const QString &key, std::function<void(QSqlDatabase &)> work,
                         std::function<void()> done)
{
    const quint64 ticket = ++m_sequence;
    if (!key.isEmpty())
        m_latest.insert(key, ticket);
    QPointer<QObject> guard(receiver);
    QPointer<StoreClient> self(this);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, work = std::move(work), done = std::move(done), guard, self, key,
                                         ticket] {
        w->execute(work);
        if (!guard)
            return;
        QMetaObject::invokeMethod(guard.data(), [done, guard, self, key, ticket] {
            if (!guard || !self)
                return;
            if (!key.isEmpty() && self->m_latest.value(key) != ticket)
                return;   // a newer request of the same kind is on its way
            done();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace QueueDesk
