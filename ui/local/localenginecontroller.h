#pragma once

#include "db/connectionsettings.h"
#include "engine/dispatcher.h"
#include "engine/enginesettings.h"
#include "engine/handlers/handlersettings.h"
#include "util/error.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace QueueDesk {

class Engine;

// The app's own worker: owns a core Engine (built-in handlers registered)
// while local worker mode is on, and tells the page, the close guard and the
// status bar what it is doing. A new Engine is made on every start, so
// consumers connect to the controller's signals once.
class LocalEngineController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalEngineController)

public:
    using State = Dispatcher::State;

    explicit LocalEngineController(QObject *parent = nullptr);
    // Stops a running engine (draining up to the last stop timeout) and waits.
    ~LocalEngineController() override;

    // The database the next start() works on; a running engine keeps its own.
    void setConnection(const ConnectionSettings &settings);
    const ConnectionSettings &connection() const { return m_connection; }
    bool hasConnection() const { return m_hasConnection; }

    // Fails (with words for the operator) without a connection, without
    // queues, or when an engine is already running.
    Status start(EngineSettings settings, HandlerSettings handlers);
    // Stop claiming; running jobs get timeoutMs to finish, the rest go back
    // to waiting. stopped() follows.
    void stop(int timeoutMs);
    void cancelJob(qint64 id);

    bool isActive() const { return m_engine != nullptr; }
    State state() const { return m_state; }
    QString stateDetail() const { return m_detail; }
    int runningJobs() const { return int(m_running.size()); }
    qint64 finishedCount(const QString &outcome) const { return m_finished.value(outcome); }
    QString statusText() const;
    Engine *engine() const { return m_engine.get(); }

signals:
    void started();
    void stateChanged(QueueDesk::Dispatcher::State state, const QString &detail);
    void jobStarted(qint64 id, const QString &queue, const QString &type, const QJsonObject &payload);
    void jobProgress(qint64 id, const QJsonObject &counters, double percent);
    void jobFinished(qint64 id, const QString &outcome, const QString &error);
    void stopped();
    // For the status bar; coalesced, so thousands of jobs a second do not
    // repaint it thousands of times.
    void statusTextChanged(const QString &text);

private:
    void wire(Engine *engine);
    void onStateChanged(State state, const QString &detail);
    void onStopped();
    void scheduleStatus();

    ConnectionSettings m_connection;
    bool m_hasConnection = false;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Engine> m_retired;   // stopped, not yet deleted
    State m_state = State::Stopped;
    QString m_detail;
    int m_lastStopTimeoutMs = 10000;
    QSet<qint64> m_running;
    QHash<QString, qint64> m_finished;   // outcome -> jobs since the last start
    QTimer m_statusTimer;
};

} // namespace QueueDesk
