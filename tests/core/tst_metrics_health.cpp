#include "db/database.h"
#include "engine/scheduler/scheduler.h"
#include "queue/healthstore.h"
#include "queue/metricsstore.h"
#include "queue/queuestore.h"
#include "queue/workerstore.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

// The leader's scheduler on its own thread; the test runs its duties.
class Host final
{
public:
    Host(const ConnectionSettings &connection, const QString &workerId)
        : scheduler(new Scheduler(connection, workerId, settings()))
    {
        scheduler->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, scheduler, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(scheduler, &Scheduler::start, Qt::QueuedConnection);
    }
    ~Host()
    {
        thread.quit();
        thread.wait();
    }
    Q_DISABLE_COPY_MOVE(Host)

    void sample() { QMetaObject::invokeMethod(scheduler, &Scheduler::sample, Qt::BlockingQueuedConnection); }

    static SchedulerSettings settings()
    {
        SchedulerSettings s;
        s.leaderCheckIntervalMs = 100;
        s.tickIntervalMs = s.samplingIntervalMs = s.rescueIntervalMs = s.maintenanceIntervalMs = 3600 * 1000;
        return s;
    }

    QThread thread;
    Scheduler *scheduler;
};

} // namespace

// Metrics history rows and the health rules on the seeds' thresholds.
class TestMetricsHealth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_metrics_health"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void init()
    {
        QVERIFY(exec(u"TRUNCATE queuedesk.jobs, queuedesk.metrics, queuedesk.health_events RESTART IDENTITY; "
                     u"DELETE FROM queuedesk.workers; DELETE FROM queuedesk.queue_health; "
                     u"DELETE FROM queuedesk.queues WHERE name <> 'default'"_s));
    }

    void samplesOneRowPerQueue()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"m"_s}).ok());
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, store) VALUES ('m', 'noop', 's1'), ('m', 'noop', 's1'), "
                     u"('m', 'noop', 's2')"_s));
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, locked_by, lease_until, started_at) "
                     u"VALUES ('m', 'noop', 'active', 'w', now() + interval '1 hour', now())"_s));
        // Runtimes 100, 200 and 300 ms; each waited 1 s after it was due.
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, run_at, created_at, started_at, finished_at) "
                     u"SELECT 'm', 'noop', CASE WHEN g = 2 THEN 'failed' ELSE 'completed' END, "
                     u"       now() - interval '3 s', now() - interval '3 s', now() - interval '2 s', "
                     u"       now() - interval '2 s' + make_interval(secs => g * 0.1) FROM generate_series(1, 3) g"_s));
        Host host(m_settings, u"leader"_s);
        QTRY_VERIFY(host.scheduler->isLeader());
        host.sample();
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.metrics"_s), scalar(u"SELECT count(*) FROM queuedesk.queues"_s));

        auto points = MetricsStore(m_db).history(u"m"_s, QDateTime::currentDateTimeUtc().addSecs(-3600));
        QVERIFY2(points.ok(), qPrintable(points.error().toString()));
        QCOMPARE(points->size(), 1);
        const MetricsPoint &p = points->first();
        QCOMPARE(p.waiting, 3);
        QCOMPARE(p.active, 1);
        QCOMPARE(p.completedTotal, 2);
        QCOMPARE(p.failedTotal, 1);
        QCOMPARE(p.completed, 2);
        QCOMPARE(p.failed, 1);
        QVERIFY2(qAbs(p.runtimeAvgMs - 200) < 1, qPrintable(QString::number(p.runtimeAvgMs)));
        QVERIFY(p.runtimeP95Ms > 280 && p.runtimeP95Ms <= 300);
        QVERIFY(qAbs(p.waitAvgMs - 1000) < 1);
        QCOMPARE(p.topStores.size(), 3);   // s1, s2, and no store (the active job)
        QCOMPARE(p.topStores.at(0).toObject().value(u"store"_s).toString(), u"s1"_s);
        QCOMPARE(p.topStores.at(0).toObject().value(u"waiting"_s).toInt(), 2);
        QCOMPARE(p.topStores.at(2).toObject().value(u"active"_s).toInt(), 1);
        QCOMPARE(p.poolTotal, 2);     // the scheduler's own: work and leader connections
        QCOMPARE(p.poolInUse, 1);     // the one sampling
        QCOMPARE(p.poolIdle, 1);
        QVERIFY(p.serverConnections.value(u"active"_s).toInt() >= 1);   // the sampling session itself
        QCOMPARE(p.sampledBy, u"leader"_s);

        // The next sample counts only what finished since this one.
        host.sample();
        points = MetricsStore(m_db).history(u"m"_s, QDateTime::currentDateTimeUtc().addSecs(-3600));
        QCOMPARE(points->size(), 2);
        QCOMPARE(points->last().completed, 0);
        QCOMPARE(points->last().completedTotal, 2);
        QCOMPARE(points->last().runtimeAvgMs, -1.0);
    }

    void healthRulesFlipOnTheSeedsThresholds()
    {
        QVERIFY(WorkerStore(m_db).registerWorker({.id = u"live"_s, .host = u"h"_s, .pid = 1}).ok());   // serves every queue
        for (const QString &q : {u"fail-ok"_s, u"fail-bad"_s, u"few"_s, u"backlog-ok"_s, u"backlog-bad"_s, u"slow"_s,
                                 u"slow-ok"_s})
            QVERIFY(QueueStore(m_db).create({.name = q}).ok());
        QVERIFY(finished(u"fail-ok"_s, 90, 10, 100));     // 10%: not over
        QVERIFY(finished(u"fail-bad"_s, 89, 11, 100));    // 11%
        QVERIFY(finished(u"few"_s, 0, 3, 100));           // too few to judge
        QVERIFY(waiting(u"backlog-ok"_s, 100));
        QVERIFY(waiting(u"backlog-bad"_s, 101));
        QVERIFY(finished(u"slow"_s, 10, 0, 100));         // average 100 ms, one running for 5 s
        QVERIFY(running(u"slow"_s, 5));
        QVERIFY(finished(u"slow-ok"_s, 10, 0, 10000));    // average 10 s, one running for 5 s
        QVERIFY(running(u"slow-ok"_s, 5));

        Host host(m_settings, u"leader"_s);
        QTRY_VERIFY(host.scheduler->isLeader());
        host.sample();
        QCOMPARE(states(), (QMap<QString, QString>{
            {u"default"_s, u"healthy"_s}, {u"fail-ok"_s, u"healthy"_s}, {u"fail-bad"_s, u"error"_s},
            {u"few"_s, u"healthy"_s}, {u"backlog-ok"_s, u"healthy"_s}, {u"backlog-bad"_s, u"warning"_s},
            {u"slow"_s, u"warning"_s}, {u"slow-ok"_s, u"healthy"_s}}));
        QCOMPARE(reasonRules(u"fail-bad"_s), QStringList{u"failure_rate"_s});
        QCOMPARE(reasonRules(u"backlog-bad"_s), QStringList{u"max_waiting"_s});
        QCOMPARE(reasonRules(u"slow"_s), QStringList{u"slow_jobs"_s});
        QCOMPARE(eventsText(true), u"backlog-bad:healthy>warning fail-bad:healthy>error slow:healthy>warning"_s);

        // Only changes make events.
        host.sample();
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.health_events"_s), 3);

        QVERIFY(exec(u"DELETE FROM queuedesk.jobs WHERE id = (SELECT max(id) FROM queuedesk.jobs "
                     u"WHERE queue = 'backlog-bad' AND state = 'waiting')"_s));
        QVERIFY(exec(u"UPDATE queuedesk.queues SET health = '{\"max_waiting\": 50}' WHERE name = 'backlog-ok'"_s));
        QVERIFY(exec(u"UPDATE queuedesk.queues SET health = '{\"failure_rate\": null}' WHERE name = 'fail-bad'"_s));
        host.sample();
        QCOMPARE(states().value(u"backlog-bad"_s), u"healthy"_s);
        QCOMPARE(states().value(u"backlog-ok"_s), u"warning"_s);
        QCOMPARE(states().value(u"fail-bad"_s), u"healthy"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.health_events"_s), 6);
        auto events = HealthStore(m_db).events(3);
        QCOMPARE(events->size(), 3);
        const auto recovered = std::find_if(events->begin(), events->end(),
                                            [](const HealthEvent &e) { return e.queue == u"backlog-bad"; });
        QVERIFY(recovered != events->end());
        QCOMPARE(recovered->from, HealthState::Warning);
        QCOMPARE(recovered->to, HealthState::Healthy);
        QVERIFY(recovered->reasons.isEmpty());

        // One queue's absurd threshold (an interval past PostgreSQL's range)
        // used to fail the rules of every queue; now it only makes that
        // queue's slow rule never fire.
        QVERIFY(exec(u"UPDATE queuedesk.queues SET health = '{\"slow_factor\": 1e300}' WHERE name = 'slow'"_s));
        QVERIFY(exec(u"UPDATE queuedesk.queues SET health = '{\"max_waiting\": 20}' WHERE name = 'backlog-bad'"_s));
        host.sample();
        QCOMPARE(states().value(u"slow"_s), u"healthy"_s);
        QCOMPARE(states().value(u"backlog-bad"_s), u"warning"_s);
    }

    void waitingWithoutLiveWorkerIsAnError()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"orphan"_s}).ok());
        QVERIFY(QueueStore(m_db).create({.name = u"held"_s}).ok());
        QVERIFY(QueueStore(m_db).setPaused(u"held"_s, true).ok());
        QVERIFY(waiting(u"orphan"_s, 1));
        QVERIFY(waiting(u"held"_s, 1));
        QVERIFY(WorkerStore(m_db).registerWorker({.id = u"elsewhere"_s, .host = u"h"_s, .pid = 1,
                                                  .queues = {u"other"_s}}).ok());
        QVERIFY(WorkerStore(m_db).registerWorker({.id = u"stale"_s, .host = u"h"_s, .pid = 1,
                                                  .queues = {u"orphan"_s}}).ok());
        QVERIFY(exec(u"UPDATE queuedesk.workers SET heartbeat_at = now() - interval '5 min' WHERE id = 'stale'"_s));
        Host host(m_settings, u"leader"_s);
        QTRY_VERIFY(host.scheduler->isLeader());
        host.sample();
        QCOMPARE(states().value(u"orphan"_s), u"error"_s);
        QCOMPARE(reasonRules(u"orphan"_s), QStringList{u"no_worker"_s});
        QCOMPARE(states().value(u"held"_s), u"healthy"_s);   // paused on purpose
        QVERIFY(WorkerStore(m_db).heartbeat({.id = u"stale"_s, .host = u"h"_s, .pid = 1,
                                             .queues = {u"orphan"_s}}).ok());
        host.sample();
        QCOMPARE(states().value(u"orphan"_s), u"healthy"_s);
        QCOMPARE(eventsText(), u"orphan:healthy>error orphan:error>healthy"_s);
    }

private:
    // completed + failed jobs of the queue that just finished, each run `ms` long.
    bool finished(const QString &queue, int completed, int failed, int ms)
    {
        return exec(u"INSERT INTO queuedesk.jobs (queue, type, state, started_at, finished_at) "
                    u"SELECT '%1', 'noop', CASE WHEN g <= %2 THEN 'completed' ELSE 'failed' END, "
                    u"       now() - interval '1 s' - make_interval(secs => %4 / 1000.0), now() - interval '1 s' "
                    u"  FROM generate_series(1, %3) g"_s.arg(queue).arg(completed).arg(completed + failed).arg(ms));
    }

    bool waiting(const QString &queue, int count)
    {
        return exec(u"INSERT INTO queuedesk.jobs (queue, type) SELECT '%1', 'noop' FROM generate_series(1, %2)"_s
                        .arg(queue).arg(count));
    }

    bool running(const QString &queue, int seconds)
    {
        return exec(u"INSERT INTO queuedesk.jobs (queue, type, state, locked_by, lease_until, started_at) "
                    u"VALUES ('%1', 'noop', 'active', 'live', now() + interval '1 hour', now() - make_interval(secs => %2))"_s
                        .arg(queue).arg(seconds));
    }

    QMap<QString, QString> states()
    {
        QMap<QString, QString> map;
        const auto current = HealthStore(m_db).current();
        for (const QueueHealth &h : current.value())
            map.insert(h.queue, healthStateName(h.state));
        return map;
    }

    QStringList reasonRules(const QString &queue)
    {
        const auto current = HealthStore(m_db).current();
        for (const QueueHealth &h : current.value()) {
            if (h.queue != queue)
                continue;
            QStringList rules;
            for (const HealthReason &r : h.reasons)
                rules.append(r.rule);
            return rules;
        }
        return {};
    }

    // Events oldest first; sorted: the events of one sample have no order.
    QString eventsText(bool sorted = false)
    {
        QStringList parts;
        const auto events = HealthStore(m_db).events();
        for (const HealthEvent &e : events.value())
            parts.append(u"%1:%2>%3"_s.arg(e.queue, healthStateName(e.from), healthStateName(e.to)));
        if (sorted)
            parts.sort();
        return parts.join(u' ');
    }

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

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestMetricsHealth)
#include "tst_metrics_health.moc"
