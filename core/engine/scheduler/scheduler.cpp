#include "scheduler.h"

#include "db/database.h"
#include "engine/scheduler/healthrules.h"
#include "engine/scheduler/healththresholds.h"
#include "engine/scheduler/leaderelection.h"
#include "engine/scheduler/scheduleservice.h"
#include "engine/scheduler/systemclock.h"
#include "queue/healthstore.h"
#include "queue/jobactionstore.h"
#include "queue/jobstore.h"
#include "queue/lockstore.h"
#include "queue/maintenancestore.h"
#include "queue/metricsstore.h"
#include "queue/queuestore.h"
#include "queue/statsstore.h"
#include "queue/workerstore.h"

#include <QLoggingCategory>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcScheduler, "queuedesk.engine.scheduler", QtInfoMsg)

namespace {
constexpr int scheduleBatch = 100;
constexpr int rescueBatch = 1000;
constexpr int rescueRounds = 10;      // at most this many batches per pass
constexpr int schedulerConnections = 2;   // the work connection and the leader's
} // namespace

Scheduler::Scheduler(ConnectionSettings connection, QString workerId, SchedulerSettings settings,
                     std::shared_ptr<PoolStats> pool)
    : m_connection(std::move(connection))
    , m_workerId(std::move(workerId))
    , m_settings(std::move(settings))
    , m_clock(m_settings.clock ? m_settings.clock : std::make_shared<SystemClock>())
    , m_pool(pool ? std::move(pool) : std::make_shared<PoolStats>())
    , m_workName(u"qd-sched-"_s + m_workerId)
    , m_leaderTimer(this)
    , m_tickTimer(this)
    , m_sampleTimer(this)
    , m_rescueTimer(this)
    , m_maintenanceTimer(this)
{
    if (m_settings.tickIntervalMs <= 0)
        m_settings.tickIntervalMs = 1000;
    connect(&m_leaderTimer, &QTimer::timeout, this, &Scheduler::checkLeadership);
    connect(&m_tickTimer, &QTimer::timeout, this, &Scheduler::tick);
    connect(&m_sampleTimer, &QTimer::timeout, this, &Scheduler::sample);
    connect(&m_rescueTimer, &QTimer::timeout, this, &Scheduler::rescue);
    connect(&m_maintenanceTimer, &QTimer::timeout, this, &Scheduler::maintain);
}

Scheduler::~Scheduler()
{
    stop();
}

void Scheduler::start()
{
    if (m_running)
        return;
    m_running = true;
    m_pool->total += schedulerConnections;
    m_election = std::make_unique<LeaderElection>(m_connection, m_workerId);
    m_leaderTimer.start(m_settings.leaderCheckIntervalMs);
    m_tickTimer.start(m_settings.tickIntervalMs);
    m_sampleTimer.start(m_settings.samplingIntervalMs);
    m_rescueTimer.start(m_settings.rescueIntervalMs);
    m_maintenanceTimer.start(m_settings.maintenanceIntervalMs);
    checkLeadership();
}

void Scheduler::stop()
{
    if (!m_running)
        return;
    m_running = false;
    for (QTimer *timer : {&m_leaderTimer, &m_tickTimer, &m_sampleTimer, &m_rescueTimer, &m_maintenanceTimer})
        timer->stop();
    const bool wasLeader = m_leaderFlag.exchange(false);
    m_election.reset();   // resigns: unlock, clear is_leader, close
    disconnectWork();
    m_pool->total -= schedulerConnections;
    if (wasLeader)
        emit leadershipChanged(false);
}

void Scheduler::checkLeadership()
{
    if (!m_running)
        return;
    const bool leader = m_election->check();
    if (leader == m_leaderFlag.exchange(leader))
        return;
    emit leadershipChanged(leader);
    if (leader) {
        // Catch up at once rather than one interval later.
        tick();
        rescue();
        maintain();
    }
}

bool Scheduler::leading()
{
    return m_running && m_leaderFlag.load() && connectWork();
}

bool Scheduler::connectWork()
{
    if (m_workBroken) {
        m_workBroken = false;
        disconnectWork();
    }
    if (m_db.isValid() && m_db.isOpen())
        return true;
    auto db = Database::open(m_connection, m_workName);
    if (!db) {
        if (!m_connectFailing)   // once per outage, not once per pass
            qCWarning(lcScheduler).noquote() << "scheduler cannot connect:" << db.error().toString();
        m_connectFailing = true;
        return false;
    }
    m_connectFailing = false;
    m_db = db.value();
    return true;
}

void Scheduler::disconnectWork()
{
    m_db = QSqlDatabase();
    Database::close(m_workName);
}

bool Scheduler::handle(const Error &error, const char *what)
{
    if (!error.isError())
        return true;
    qCWarning(lcScheduler).noquote() << what << "failed:" << error.toString();
    // A broken connection is reopened by the next pass: the stores of this
    // one still hold copies of it.
    if (error.code == Error::Code::ConnectionLost || error.code == Error::Code::ConnectionFailed
        || Database::isConnectionBad(m_db))
        m_workBroken = true;
    return false;
}

void Scheduler::tick()
{
    if (!leading())
        return;
    PoolStats::Use use(m_pool.get());
    ScheduleService schedules(m_db, m_clock, m_settings.missedAfterMs);
    auto fired = schedules.fireDue(m_clock->now(), scheduleBatch);
    if (!handle(fired ? Error() : fired.error(), "firing schedules"))
        return;
    auto promoted = MaintenanceStore(m_db).promoteDue();
    (void)handle(promoted ? Error() : promoted.error(), "promoting delayed jobs");
}

void Scheduler::rescue()
{
    if (!leading())
        return;
    PoolStats::Use use(m_pool.get());
    rescueAll();
}

void Scheduler::rescueAll()
{
    JobStore jobs(m_db);
    for (int round = 0; round < rescueRounds; ++round) {
        auto rescued = jobs.rescueExpired(rescueBatch);
        if (!handle(rescued ? Error() : rescued.error(), "rescuing stalled jobs"))
            return;
        if (!rescued->isEmpty())
            qCInfo(lcScheduler) << "rescued" << rescued->size() << "stalled jobs";
        if (rescued->size() < rescueBatch)
            return;
    }
}

void Scheduler::maintain()
{
    if (!leading())
        return;
    PoolStats::Use use(m_pool.get());
    applyRetention();
    prune();
}

void Scheduler::applyRetention()
{
    auto queues = QueueStore(m_db).list();
    if (!handle(queues ? Error() : queues.error(), "listing queues"))
        return;
    JobActionStore actions(m_db);
    for (const QueueConfig &queue : queues.value()) {
        auto deleted = actions.applyRetention(queue.name);
        if (!handle(deleted ? Error() : deleted.error(), "retention"))
            return;
    }
}

void Scheduler::prune()
{
    auto locks = LockStore(m_db).purgeExpired();
    if (!handle(locks ? Error() : locks.error(), "purging expired locks"))
        return;
    auto metrics = MetricsStore(m_db).prune(m_settings.metricsRetentionSeconds);
    if (!handle(metrics ? Error() : metrics.error(), "pruning metrics"))
        return;
    auto events = HealthStore(m_db).pruneEvents(m_settings.healthEventRetentionSeconds);
    if (!handle(events ? Error() : events.error(), "pruning health events"))
        return;
    auto workers = WorkerStore(m_db).prune(m_settings.workerPruneSeconds);
    (void)handle(workers ? Error() : workers.error(), "pruning workers");
}

void Scheduler::sample()
{
    if (!leading())
        return;
    PoolStats::Use use(m_pool.get());
    StatsStore stats(m_db);
    auto counts = stats.counts(CountMode::Estimated);
    if (!handle(counts ? Error() : counts.error(), "counting jobs"))
        return;
    MetricsStore::Sample sample{counts.value(), {}, m_pool->snapshot(), m_workerId,
                                qMax<qint64>(1, m_settings.samplingIntervalMs / 1000)};
    for (const QueueCounts &queue : counts.value()) {
        if (queue.waiting + queue.active == 0)
            continue;
        auto stores = stats.storeLoad(queue.queue, m_settings.topStores);
        if (stores)
            sample.stores.insert(queue.queue, stores.value());
        else if (!handle(stores.error(), "reading store load"))
            return;
    }
    auto recorded = MetricsStore(m_db).record(sample);
    if (!handle(recorded ? Error() : recorded.error(), "recording metrics"))
        return;
    evaluateHealth();
}

void Scheduler::evaluateHealth()
{
    HealthStore store(m_db);
    auto facts = store.facts(m_settings.workerStaleSeconds, HealthThresholds::DefaultSlowFactor);
    if (!handle(facts ? Error() : facts.error(), "reading health facts"))
        return;
    QList<QueueHealth> health;
    for (const HealthFacts &f : facts.value())
        health.append(HealthRules::evaluate(f));
    auto events = store.apply(health);
    if (!handle(events ? Error() : events.error(), "saving queue health"))
        return;
    for (const HealthEvent &event : events.value()) {
        qCInfo(lcScheduler).noquote() << "queue" << event.queue << "is now" << healthStateName(event.to);
        emit healthChanged(event);
    }
}

} // namespace QueueDesk
