#include "db/database.h"
#include "engine/engine.h"
#include "engine/handlerregistry.h"
#include "engine/scheduler/manualclock.h"
#include "engine/scheduler/scheduler.h"
#include "engine/scheduler/scheduleservice.h"
#include "queue/jobstore.h"
#include "queue/leaderstore.h"
#include "queue/queuestore.h"
#include "queue/workerstore.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

// One engine's scheduler on a thread of its own, as Engine runs it.
class Host final
{
public:
    Host(const ConnectionSettings &connection, const QString &workerId, const SchedulerSettings &settings)
        : scheduler(new Scheduler(connection, workerId, settings))
    {
        thread.setObjectName(u"scheduler-"_s + workerId);
        scheduler->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, scheduler, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(scheduler, &Scheduler::start, Qt::QueuedConnection);
    }
    // The scheduler resigns as it is deleted on its thread.
    ~Host()
    {
        thread.quit();
        thread.wait();
    }
    Q_DISABLE_COPY_MOVE(Host)

    void run(void (Scheduler::*duty)()) { QMetaObject::invokeMethod(scheduler, duty, Qt::BlockingQueuedConnection); }
    bool isLeader() const { return scheduler->isLeader(); }

    QThread thread;
    Scheduler *scheduler;
};

// Only the leader check runs by itself; the test runs every other duty.
SchedulerSettings manualSettings(std::shared_ptr<const Clock> clock = {}, int leaderCheckMs = 100)
{
    SchedulerSettings s;
    s.leaderCheckIntervalMs = leaderCheckMs;
    s.tickIntervalMs = s.samplingIntervalMs = s.rescueIntervalMs = s.maintenanceIntervalMs = 3600 * 1000;
    s.clock = std::move(clock);
    return s;
}

} // namespace

// The leader's work: one leader among engines, takeover, schedules over a
// simulated day, delayed jobs, maintenance, metrics and health.
class TestScheduler : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_scheduler"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs, queuedesk.metrics, queuedesk.health_events; "
                                     u"DELETE FROM queuedesk.schedules; DELETE FROM queuedesk.workers; "
                                     u"DELETE FROM queuedesk.queue_health; DELETE FROM queuedesk.locks; "
                                     u"DELETE FROM queuedesk.queues WHERE name <> 'default'"_s).ok());
        for (const QString &id : {u"engine-a"_s, u"engine-b"_s})
            QVERIFY(WorkerStore(m_db).registerWorker({.id = id, .host = u"test"_s, .pid = 1}).ok());
    }

    void oneLeaderVisibleInWorkers()
    {
        Host a(m_settings, u"engine-a"_s, manualSettings());
        QTRY_VERIFY(a.isLeader());
        Host b(m_settings, u"engine-b"_s, manualSettings());
        QTRY_COMPARE(leaders(), QStringList{u"engine-a"_s});
        QTest::qWait(300);   // several checks of b
        QVERIFY(!b.isLeader());
        QCOMPARE(leaders(), QStringList{u"engine-a"_s});
    }

    void successorTakesOverWithinTheCheckInterval()
    {
        constexpr int intervalMs = 1000;
        auto a = std::make_unique<Host>(m_settings, u"engine-a"_s, manualSettings({}, intervalMs));
        QTRY_VERIFY(a->isLeader());
        Host b(m_settings, u"engine-b"_s, manualSettings({}, intervalMs));
        QTest::qWait(intervalMs / 2);
        QVERIFY(!b.isLeader());
        a.reset();   // the engine stops: its session and lock end
        QElapsedTimer sinceDeath;
        sinceDeath.start();
        QTRY_VERIFY_WITH_TIMEOUT(b.isLeader(), intervalMs + 500);
        qInfo() << "took over after" << sinceDeath.elapsed() << "ms";
        QTRY_COMPARE(leaders(), QStringList{u"engine-b"_s});
    }

    void leaderWhoseSessionDiesIsReplaced()
    {
        constexpr int intervalMs = 500;
        Host a(m_settings, u"engine-a"_s, manualSettings({}, intervalMs));
        QTRY_VERIFY(a.isLeader());
        Host b(m_settings, u"engine-b"_s, manualSettings({}, intervalMs));
        const qint64 killed = LeaderStore(m_db).holderPid().value();
        QVERIFY(killed > 0);
        // As if the process died: the server ends the session and its lock.
        QVERIFY(Database::exec(m_db, u"SELECT pg_terminate_backend(?)"_s, {killed}).ok());
        QElapsedTimer sinceDeath;
        sinceDeath.start();
        // Termination is asynchronous: the old backend shows until it exits.
        auto newHolder = [this, killed] {
            const qint64 pid = LeaderStore(m_db).holderPid().value();
            return pid > 0 && pid != killed;
        };
        QTRY_VERIFY_WITH_TIMEOUT(newHolder(), intervalMs + 500);
        qInfo() << "a new session leads after" << sinceDeath.elapsed() << "ms";
        // The engine that lost its session notices within one check.
        QTRY_VERIFY_WITH_TIMEOUT(a.isLeader() != b.isLeader(), intervalMs * 3);
        QTRY_COMPARE(leaders(), QStringList{a.isLeader() ? u"engine-a"_s : u"engine-b"_s});
    }

    // Two engines over a simulated day of a once-a-minute schedule, with a
    // leader change at noon: exactly 1,440 jobs.
    void everyMinuteForADayWithTwoEngines()
    {
        const QDateTime midnight = utc(u"2030-01-01T00:00:00Z"_s);
        auto clock = std::make_shared<ManualClock>(midnight.addSecs(-30));
        QVERIFY(ScheduleService(m_db, clock).create({.name = u"minutely"_s, .type = u"noop"_s, .cron = u"* * * * *"_s}).ok());
        auto a = std::make_unique<Host>(m_settings, u"engine-a"_s, manualSettings(clock));
        QTRY_VERIFY(a->isLeader());
        auto b = std::make_unique<Host>(m_settings, u"engine-b"_s, manualSettings(clock));
        for (int minute = 0; minute < 1440; ++minute) {
            if (minute == 720) {
                a.reset();
                QTRY_VERIFY(b->isLeader());
            }
            clock->set(midnight.addSecs(minute * 60 + 2));
            if (a)
                a->run(&Scheduler::tick);
            b->run(&Scheduler::tick);
        }
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE created_by = 'schedule:minutely'"_s), 1440);
        QCOMPARE(scalar(u"SELECT count(DISTINCT unique_key) FROM queuedesk.jobs"_s), 1440);
        QCOMPARE(ScheduleService(m_db, clock).get(u"minutely"_s)->nextRunAt, midnight.addDays(1));
        QCOMPARE(ScheduleService(m_db, clock).get(u"minutely"_s)->lastRunAt, midnight.addDays(1).addSecs(-60));
    }

    // A delayed job in a queue nobody claims from becomes waiting on time.
    void leaderPromotesDelayedJobs()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"idle"_s}).ok());
        SchedulerSettings s = manualSettings();
        s.tickIntervalMs = 50;
        Host a(m_settings, u"engine-a"_s, s);
        QTRY_VERIFY(a.isLeader());
        const qint64 id = JobStore(m_db).enqueue({.queue = u"idle"_s, .type = u"noop"_s, .delayMs = 500}).value();
        QCOMPARE(JobStore(m_db).job(id)->state, JobState::Scheduled);
        QElapsedTimer waited;
        waited.start();
        QTRY_COMPARE_WITH_TIMEOUT(JobStore(m_db).job(id)->state, JobState::Waiting, 3000);
        QVERIFY2(waited.elapsed() >= 400, "promoted before it was due");
    }

    void maintenanceByTheLeader()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"kept"_s, .keepCompleted = 2, .keepCompletedAgeSeconds = 86400}).ok());
        // Five completed two days ago and one an hour ago: the newest two
        // stay by count, the recent one by age too.
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, started_at, finished_at) "
                     u"SELECT 'kept', 'noop', 'completed', now() - interval '2 days' - make_interval(mins => g), "
                     u"       now() - interval '2 days' - make_interval(mins => g) FROM generate_series(1, 5) g"_s));
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, started_at, finished_at) "
                     u"VALUES ('kept', 'noop', 'completed', now() - interval '1 hour', now() - interval '1 hour')"_s));
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, attempts, locked_by, lease_until, started_at) "
                     u"VALUES ('kept', 'noop', 'active', 1, 'dead', now() - interval '1 s', now() - interval '1 min')"_s));
        QVERIFY(exec(u"INSERT INTO queuedesk.locks (key, owner_token, expires_at) VALUES "
                     u"('gone', 't', now() - interval '1 s'), ('held', 't', now() + interval '1 hour')"_s));
        QVERIFY(exec(u"INSERT INTO queuedesk.metrics (at, queue) VALUES (now() - interval '8 days', 'kept'), "
                     u"(now() - interval '6 days', 'kept')"_s));
        QVERIFY(exec(u"INSERT INTO queuedesk.workers (id, host, pid, heartbeat_at) "
                     u"VALUES ('silent', 'h', 1, now() - interval '2 days')"_s));
        Host a(m_settings, u"engine-a"_s, manualSettings());
        QTRY_VERIFY(a.isLeader());   // taking the lead runs maintenance and rescue at once ...
        a.run(&Scheduler::maintain);  // ... and this one waits for them to end
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'kept' AND state = 'completed'"_s), 2);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'completed' "
                        u"AND finished_at > now() - interval '1 day'"_s), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting' AND attempts = 1"_s), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.locks"_s), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.locks WHERE key = 'held'"_s), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.metrics"_s), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.workers WHERE id = 'silent'"_s), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.workers"_s), 2);
    }

    // Engines run the scheduler by themselves; stopping one hands the lead on.
    void enginesShareOneLeader()
    {
        EngineSettings s;
        s.connection = m_settings;
        s.queues = {{u"default"_s, 1}};
        s.scheduler.leaderCheckIntervalMs = 200;
        s.workerId = u"engine-x"_s;
        auto x = std::make_unique<Engine>(s, std::make_shared<HandlerRegistry>());
        x->start();
        QTRY_COMPARE(leaders(), QStringList{u"engine-x"_s});
        QVERIFY(x->poolStats().snapshot().total >= 4);
        s.workerId = u"engine-y"_s;
        Engine y(s, std::make_shared<HandlerRegistry>());
        y.start();
        QTRY_COMPARE(scalar(u"SELECT count(*) FROM queuedesk.workers WHERE id = 'engine-y'"_s), 1);
        x->stop(1000);
        QVERIFY(x->waitForStopped(5000));
        x.reset();
        QTRY_COMPARE_WITH_TIMEOUT(leaders(), QStringList{u"engine-y"_s}, 1500);
    }

private:
    bool exec(const QString &sql)
    {
        auto done = Database::exec(m_db, sql);
        if (!done)
            qWarning().noquote() << done.error().toString();
        return done.ok();
    }

    qint64 scalar(const QString &sql)
    {
        auto q = Database::exec(m_db, sql);
        if (!q || !q.value().next())
            return -1;
        return q.value().value(0).toLongLong();
    }

    QStringList leaders()
    {
        QStringList ids;
        auto q = Database::exec(m_db, u"SELECT id FROM queuedesk.workers WHERE is_leader ORDER BY id"_s);
        while (q && q.value().next())
            ids.append(q.value().value(0).toString());
        return ids;
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
