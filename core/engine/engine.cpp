#include "engine.h"

#include "engine/handlerregistry.h"
#include "engine/scheduler/scheduler.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QTimer>

namespace QueueDesk {

Engine::Engine(EngineSettings settings, std::shared_ptr<const HandlerRegistry> registry, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_poolStats(std::make_shared<PoolStats>())
{
    qRegisterMetaType<QueueDesk::Dispatcher::State>();
    if (m_settings.workerId.isEmpty())
        m_settings.workerId = generateWorkerId();
    m_pool.setObjectName(u"executors"_s);
    m_pool.setMaxThreadCount(qMax(1, m_settings.totalConcurrency()));
    m_pool.setExpiryTimeout(-1);
    m_thread.setObjectName(u"dispatcher"_s);
    m_dispatcher = new Dispatcher(m_settings, std::move(registry), &m_pool, m_poolStats);
    m_dispatcher->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_dispatcher, &QObject::deleteLater);
    connect(m_dispatcher, &Dispatcher::stateChanged, this, [this](Dispatcher::State state, const QString &detail) {
        m_state = state;
        emit stateChanged(state, detail);
    });
    connect(m_dispatcher, &Dispatcher::jobsStarted, this, [this](const QList<StartedJob> &jobs) {
        for (const StartedJob &job : jobs)
            emit jobStarted(job.id, job.queue, job.type, job.payload);
    });
    connect(m_dispatcher, &Dispatcher::jobProgress, this, &Engine::jobProgress);
    connect(m_dispatcher, &Dispatcher::jobsEnded, this, [this](const QList<EndedJob> &jobs) {
        for (const EndedJob &job : jobs)
            emit jobFinished(job.id, job.outcome, job.error);
    });
    connect(m_dispatcher, &Dispatcher::stopped, this, [this] {
        m_stopped = true;
        emit stopped();
    });
    createScheduler();
}

void Engine::createScheduler()
{
    if (!m_settings.scheduler.enabled)
        return;
    SchedulerSettings settings = m_settings.scheduler;
    if (settings.tickIntervalMs <= 0)
        settings.tickIntervalMs = m_settings.pollIntervalMs;
    m_schedulerThread.setObjectName(u"scheduler"_s);
    m_scheduler = new Scheduler(m_settings.connection, m_settings.workerId, settings, m_poolStats);
    m_scheduler->moveToThread(&m_schedulerThread);
    connect(&m_schedulerThread, &QThread::finished, m_scheduler, &QObject::deleteLater);
}

Engine::~Engine()
{
    if (m_started && !m_stopped) {
        stop(10000);
        waitForStopped(15000);
    }
    if (!m_started) {
        delete m_scheduler;   // never moved onto a running thread
        m_scheduler = nullptr;
    }
    m_schedulerThread.quit();
    m_schedulerThread.wait();
    m_thread.quit();
    m_thread.wait();
    // Handlers that ignored cancellation still hold executor threads.
    m_pool.waitForDone(5000);
}

QString Engine::generateWorkerId()
{
    return u"%1-%2-%3"_s.arg(QHostInfo::localHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate() % 0xFFFF, 4, 16, QLatin1Char('0'));
}

void Engine::start()
{
    if (m_started)
        return;
    m_started = true;
    m_thread.start();
    QMetaObject::invokeMethod(m_dispatcher, &Dispatcher::start, Qt::QueuedConnection);
    if (m_scheduler) {
        m_schedulerThread.start();
        QMetaObject::invokeMethod(m_scheduler, &Scheduler::start, Qt::QueuedConnection);
    }
}

void Engine::stop(int timeoutMs)
{
    if (!m_started || m_stopped)
        return;
    // A draining engine hands the lead over at once.
    if (m_scheduler)
        QMetaObject::invokeMethod(m_scheduler, &Scheduler::stop, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_dispatcher, [d = m_dispatcher, timeoutMs] { d->shutdown(timeoutMs); },
                              Qt::QueuedConnection);
}

bool Engine::waitForStopped(int timeoutMs)
{
    if (!m_started || m_stopped)
        return true;
    QEventLoop loop;
    connect(this, &Engine::stopped, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!m_stopped)
        loop.exec();
    return m_stopped;
}

void Engine::cancelJob(qint64 id)
{
    QMetaObject::invokeMethod(m_dispatcher, [d = m_dispatcher, id] { d->cancelJob(id); }, Qt::QueuedConnection);
}

} // namespace QueueDesk
