#include "localenginecontroller.h"

#include "engine/engine.h"
#include "engine/enginesettingsvalidator.h"
#include "engine/handlerregistry.h"
#include "engine/handlers/builtinhandlers.h"

namespace QueueDesk {

namespace {
// The status bar shows the running count; a quarter second is live enough.
constexpr int statusCoalesceMs = 250;
}

LocalEngineController::LocalEngineController(QObject *parent)
    : QObject(parent)
{
    m_statusTimer.setSingleShot(true);
    m_statusTimer.setInterval(statusCoalesceMs);
    connect(&m_statusTimer, &QTimer::timeout, this, [this] { emit statusTextChanged(statusText()); });
}

LocalEngineController::~LocalEngineController()
{
    if (!m_engine)
        return;
    // Nobody listens any more: a drain must not call back into a half-destroyed window.
    disconnect(m_engine.get(), nullptr, this, nullptr);
    m_engine->stop(m_lastStopTimeoutMs);
    m_engine->waitForStopped(m_lastStopTimeoutMs + 5000);
}

void LocalEngineController::setConnection(const ConnectionSettings &settings)
{
    m_connection = settings;
    m_hasConnection = true;
}

Status LocalEngineController::start(EngineSettings settings, HandlerSettings handlers)
{
    if (m_engine)
        return Error{Error::Code::WrongState, tr("The local worker is already running.")};
    if (!m_hasConnection)
        return Error{Error::Code::ConnectionFailed, tr("Connect to a database before starting the local worker.")};
    if (settings.queues.isEmpty() || settings.totalConcurrency() < 1)
        return Error{Error::Code::InvalidArgument, tr("Choose at least one queue to work on.")};
    // The worker's ranges: what queuedesk-worker refuses, the console does too.
    const EngineSettingsValidator::Names names{
        {EngineSettingsValidator::Setting::QueueConcurrency, tr("Executors")},
        {EngineSettingsValidator::Setting::TotalConcurrency, tr("Executors of all chosen queues")},
    };
    if (Status valid = EngineSettingsValidator::validate(settings, names); !valid)
        return valid.error();
    if (Status valid = EngineSettingsValidator::validate(handlers); !valid)
        return valid.error();

    settings.connection = m_connection;
    // Tells the engine's sessions apart from the console's own in pg_stat_activity.
    settings.connection.applicationName = u"queuedesk-local-worker"_s;
    if (handlers.sqlEnabled)
        handlers.sqlConnection = settings.connection;
    auto registry = std::make_shared<HandlerRegistry>();
    registerBuiltinHandlers(*registry, handlers);

    m_retired.reset();
    m_running.clear();
    m_finished.clear();
    m_engine = std::make_unique<Engine>(std::move(settings), std::move(registry));
    wire(m_engine.get());
    onStateChanged(State::Starting, {});
    m_engine->start();
    emit started();
    return {};
}

void LocalEngineController::wire(Engine *engine)
{
    connect(engine, &Engine::stateChanged, this, &LocalEngineController::onStateChanged);
    connect(engine, &Engine::jobStarted, this,
            [this](qint64 id, const QString &queue, const QString &type, const QJsonObject &payload) {
                m_running.insert(id);
                emit jobStarted(id, queue, type, payload);
                scheduleStatus();
            });
    connect(engine, &Engine::jobProgress, this, &LocalEngineController::jobProgress);
    connect(engine, &Engine::jobFinished, this, [this](qint64 id, const QString &outcome, const QString &error) {
        m_running.remove(id);
        ++m_finished[outcome];
        emit jobFinished(id, outcome, error);
        scheduleStatus();
    });
    connect(engine, &Engine::stopped, this, &LocalEngineController::onStopped);
}

void LocalEngineController::stop(int timeoutMs)
{
    if (!m_engine)
        return;
    m_lastStopTimeoutMs = timeoutMs;
    m_engine->stop(timeoutMs);
}

void LocalEngineController::cancelJob(qint64 id)
{
    if (m_engine && m_running.contains(id))
        m_engine->cancelJob(id);
}

void LocalEngineController::onStateChanged(State state, const QString &detail)
{
    m_state = state;
    m_detail = detail;
    emit stateChanged(state, detail);
    // State changes are rare and matter: no coalescing.
    m_statusTimer.stop();
    emit statusTextChanged(statusText());
}

void LocalEngineController::onStopped()
{
    // Emitted from inside the engine: it is deleted later, at the next start
    // or with the controller, never from its own signal.
    m_retired = std::move(m_engine);
    m_running.clear();
    onStateChanged(State::Stopped, {});
    emit stopped();
}

void LocalEngineController::scheduleStatus()
{
    if (!m_statusTimer.isActive())
        m_statusTimer.start();
}

QString LocalEngineController::statusText() const
{
    const int running = runningJobs();
    switch (m_state) {
    case State::Starting:
        return tr("Local worker: starting");
    case State::Running:
        return tr("Local worker: running, %n job(s)", nullptr, running);
    case State::Reconnecting:
        return tr("Local worker: reconnecting, %n job(s)", nullptr, running);
    case State::Draining:
        return tr("Local worker: draining, %n job(s) left", nullptr, running);
    case State::Stopped:
        break;
    }
    return tr("Local worker: off");
}

} // namespace QueueDesk
