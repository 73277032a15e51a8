#pragma once

#include "db/poolstats.h"
#include "engine/dispatcher.h"
#include "engine/enginesettings.h"

#include <QObject>
#include <QThread>
#include <QThreadPool>

#include <memory>

namespace QueueDesk {

class HandlerRegistry;
class Scheduler;

// The job engine: a dispatcher thread, a pool of executor threads and a
// scheduler thread (leader election and the leader's periodic work). Used
// by the desktop app (local worker mode) and by queuedesk-worker. Signals
// arrive in the thread that owns the Engine.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    Engine(EngineSettings settings, std::shared_ptr<const HandlerRegistry> registry, QObject *parent = nullptr);
    // Stops (draining for at most the last stop() timeout, or 10 s) and waits.
    ~Engine() override;

    static QString generateWorkerId();

    void start();
    // Stop claiming, let running jobs finish for up to timeoutMs, give the
    // rest back to waiting; stopped() follows.
    void stop(int timeoutMs);
    bool waitForStopped(int timeoutMs);
    void cancelJob(qint64 id);

    bool isRunning() const { return m_started && !m_stopped; }
    const EngineSettings &settings() const { return m_settings; }
    Dispatcher::State state() const { return m_state; }
    // Null when settings.scheduler.enabled is off. Lives on its own thread.
    Scheduler *scheduler() const { return m_scheduler; }
    const PoolStats &poolStats() const { return *m_poolStats; }

signals:
    void stateChanged(QueueDesk::Dispatcher::State state, const QString &detail);
    void jobStarted(qint64 id, const QString &queue, const QString &type, const QJsonObject &payload);
    void jobProgress(qint64 id, const QJsonObject &counters, double percent);
    void jobFinished(qint64 id, const QString &outcome, const QString &error);
    void stopped();

private:
    void createScheduler();

    EngineSettings m_settings;
    QThreadPool m_pool;
    QThread m_thread;
    Dispatcher *m_dispatcher = nullptr;
    QThread m_schedulerThread;
    Scheduler *m_scheduler = nullptr;
    std::shared_ptr<PoolStats> m_poolStats;
    Dispatcher::State m_state = Dispatcher::State::Starting;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace QueueDesk
