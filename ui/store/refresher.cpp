#include "refresher.h"

#include "store/storeclient.h"

namespace QueueDesk {

Refresher::Refresher(StoreClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    qRegisterMetaType<QueueDesk::Snapshot>();
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &Refresher::refreshNow);
    connect(client, &StoreClient::connectionStateChanged, this, [this](StoreClient::ConnectionState state) {
        if (state == StoreClient::ConnectionState::Connected)
            refreshNow();
    });
    m_timer.start();
}

void Refresher::setInterval(int ms)
{
    m_timer.setInterval(qMax(250, ms));
}

void Refresher::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        refreshNow();
}

void Refresher::refreshNow()
{
    if (m_paused || m_inFlight || m_client->connectionState() != StoreClient::ConnectionState::Connected)
        return;
    m_inFlight = true;
    m_roundTrip.start();
    m_client->run<Snapshot>(this, u"snapshot"_s, [](QSqlDatabase &db) { return loadSnapshot(db); },
                            [this](const Snapshot &snapshot) {
                                m_inFlight = false;
                                if (snapshot.error.isError()) {
                                    emit failed(snapshot.error);
                                    return;
                                }
                                m_last = snapshot;
                                emit refreshed(snapshot, m_roundTrip.elapsed());
                            });
}

} // namespace QueueDesk
