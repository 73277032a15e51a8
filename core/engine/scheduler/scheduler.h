#pragma once

#include "db/connectionsettings.h"
#include "db/poolstats.h"
#include "engine/scheduler/schedulersettings.h"
#include "queue/queuehealth.h"
#include "util/error.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <atomic>
#include <memory>

namespace QueueDesk {

class Clock;
class LeaderElection;

// The periodic work of the one leader among all engines on a database:
// fire due schedules, promote due delayed jobs, rescue stalled jobs, apply
// retention, purge expired locks, prune old metrics, events and workers,
// and sample metrics and health. Every engine runs a Scheduler on a thread
// of its own with connections of its own; the others only check now and
// then whether they can take the lead. Each duty is a public slot, so a
// test can run one pass now (on the scheduler's thread).
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    Scheduler(ConnectionSettings connection, QString workerId, SchedulerSettings settings,
              std::shared_ptr<PoolStats> pool = {});
    ~Scheduler() override;

    // From any thread.
    bool isLeader() const { return m_leaderFlag.load(); }
    const QString &workerId() const { return m_workerId; }

public slots:
    void start();
    // Stops the timers, gives up the lead and closes the connections.
    void stop();
    void checkLeadership();
    void tick();         // due schedules and delayed jobs
    void sample();       // metrics history and health
    void rescue();       // stalled jobs
    void maintain();     // retention, expired locks, pruning

signals:
    void leadershipChanged(bool leader);
    void healthChanged(const QueueDesk::HealthEvent &event);

private:
    bool leading();
    bool connectWork();
    void disconnectWork();
    bool handle(const Error &error, const char *what);
    void rescueAll();
    void applyRetention();
    void prune();
    void evaluateHealth();

    ConnectionSettings m_connection;
    QString m_workerId;
    SchedulerSettings m_settings;
    std::shared_ptr<const Clock> m_clock;
    std::shared_ptr<PoolStats> m_pool;
    std::unique_ptr<LeaderElection> m_election;
    QString m_workName;
    QSqlDatabase m_db;
    bool m_workBroken = false;
    bool m_connectFailing = false;
    std::atomic<bool> m_leaderFlag{false};
    bool m_running = false;

    QTimer m_leaderTimer;
    QTimer m_tickTimer;
    QTimer m_sampleTimer;
    QTimer m_rescueTimer;
    QTimer m_maintenanceTimer;
};

} // namespace QueueDesk
