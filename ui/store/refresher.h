#pragma once

#include "store/snapshot.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace QueueDesk {

class StoreClient;

// Asks the store thread for a Snapshot every interval (default 2 s) and
// hands it to whoever listens. Pausable; a refresh is never requested while
// the previous one is still out, so a slow server is not piled on.
class Refresher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Refresher)

public:
    explicit Refresher(StoreClient *client, QObject *parent = nullptr);

    void setInterval(int ms);
    int interval() const { return m_timer.interval(); }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    const Snapshot &last() const { return m_last; }

public slots:
    void refreshNow();

signals:
    void refreshed(const QueueDesk::Snapshot &snapshot, qint64 roundTripMs);
    void failed(const QueueDesk::Error &error);

private:
    StoreClient *m_client;
    QTimer m_timer;
    bool m_paused = false;
    bool m_inFlight = false;
    QElapsedTimer m_roundTrip;
    Snapshot m_last;
};

} // namespace QueueDesk
