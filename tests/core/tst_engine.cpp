#include "db/database.h"
#include "engine/engine.h"
#include "engine/handlerregistry.h"
#include "engine/jobcontext.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"
#include "testdatabase.h"

#include <QMutex>

#include <atomic>
#include <optional>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

// Records every execution, to prove each job ran exactly once.
// and how many ran at once.
struct Recorder
{
    QMutex mutex;
    QList<qint64> runs;
    std::atomic<int> executing{0};
    std::atomic<int> mostAtOnce{0};
};
Recorder recorder;

class RecordHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override
    {
        const int now = ++recorder.executing;
        for (int seen = recorder.mostAtOnce; now > seen && !recorder.mostAtOnce.compare_exchange_weak(seen, now);) {
        }
        {
            QMutexLocker lock(&recorder.mutex);
            recorder.runs.append(context.jobId());
        }
        QThread::usleep(50);   // long enough for executors to overlap if they may
        --recorder.executing;
        return HandlerResult::success({{u"ran"_s, true}});
    }
};

// While it lives, a trigger makes every update of a job that matches `when`
// (a condition on OLD and NEW) take `seconds` longer: a window a test can
// see into, held open on purpose.
class SlowUpdates final
{
public:
    SlowUpdates(QSqlDatabase db, const QString &when, double seconds)
        : m_db(std::move(db))
    {
        m_ok = Database::exec(m_db, u"CREATE FUNCTION tst_slow_update() RETURNS trigger LANGUAGE plpgsql AS "
                                    u"$$ BEGIN PERFORM pg_sleep(%1); RETURN NEW; END $$; "
                                    u"CREATE TRIGGER tst_slow_update BEFORE UPDATE ON queuedesk.jobs FOR EACH ROW "
                                    u"WHEN (%2) EXECUTE FUNCTION tst_slow_update()"_s.arg(seconds).arg(when))
                   .ok();
    }
    ~SlowUpdates()
    {
        (void)Database::exec(m_db, u"DROP TRIGGER IF EXISTS tst_slow_update ON queuedesk.jobs; "
                                   u"DROP FUNCTION IF EXISTS tst_slow_update()"_s);
    }
    bool ok() const { return m_ok; }

private:
    QSqlDatabase m_db;
    bool m_ok = false;
};

class FailHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override
    {
        return HandlerResult::failure(u"nope %1"_s.arg(context.attempt()), context.payload().value(u"permanent"_s).toBool());
    }
};

// Runs until cancelled (or "ms" elapse), reporting progress.
class WaitHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override
    {
        const int ms = context.payload().value(u"ms"_s).toInt(60000);
        QElapsedTimer clock;
        clock.start();
        int pages = 0;
        while (clock.elapsed() < ms) {
            if (context.isCancelled())
                return HandlerResult::cancelled();
            context.progress({{u"pages"_s, ++pages}}, qMin(99.0, 100.0 * clock.elapsed() / ms));
            QThread::msleep(20);
        }
        return HandlerResult::success();
    }
};

// Fails its first attempt only.
class FlakyHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override
    {
        return context.attempt() == 1 ? HandlerResult::failure(u"first try"_s) : HandlerResult::success();
    }
};

// Gives its job back the first time (as a handler interrupted by shutdown
// does), succeeds the second.
QSet<qint64> bounced;
class BounceHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override
    {
        static QMutex mutex;
        QMutexLocker lock(&mutex);
        return bounced.contains(context.jobId()) ? HandlerResult::success()
                                                 : (bounced.insert(context.jobId()), HandlerResult::cancelled());
    }
};

std::shared_ptr<HandlerRegistry> registry()
{
    auto r = std::make_shared<HandlerRegistry>();
    r->add<FlakyHandler>(u"flaky"_s);
    r->add<BounceHandler>(u"bounce"_s);
    r->add<RecordHandler>(u"record"_s);
    r->add<FailHandler>(u"fail"_s);
    r->add<WaitHandler>(u"wait"_s);
    return r;
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private:
    // Runs `jobs` wait jobs of `ms` each on a one-executor engine; the most
    // jobs seen active at once until all completed (-1 if they never did).
    qint64 mostActiveOnOneExecutor(int jobs, int ms)
    {
        if (!Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, payload) "
                                  u"SELECT 'default', 'wait', jsonb_build_object('ms', ?::int) FROM generate_series(1, ?)"_s,
                            {ms, jobs}).ok())
            return -1;
        Engine engine(engineSettings(1, 100), registry());
        engine.start();
        qint64 mostActive = 0;
        const bool done = QTest::qWaitFor([&] {
            mostActive = qMax(mostActive, count(u"state = 'active'"_s));
            return count(u"state = 'completed'"_s) == jobs;
        }, 20000);
        return done ? mostActive : -1;
    }

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_engine"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs; DELETE FROM queuedesk.workers"_s).ok());
        QMutexLocker lock(&recorder.mutex);
        recorder.runs.clear();
        recorder.mostAtOnce = 0;
    }

    void runsEveryJobOnce()
    {
        seed(u"default"_s, u"record"_s, 3000);
        Engine engine(engineSettings(8), registry());
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 3000, 60000);
        // The dispatcher's LISTEN and work connections (and the scheduler's) are counted.
        QVERIFY(engine.poolStats().snapshot().total >= 2);
        QVERIFY(engine.poolStats().snapshot().inUse <= engine.poolStats().snapshot().total);
        QMutexLocker lock(&recorder.mutex);
        QCOMPARE(recorder.runs.size(), 3000);
        QCOMPARE(QSet<qint64>(recorder.runs.begin(), recorder.runs.end()).size(), 3000);
        QCOMPARE(count(u"result->>'ran' = 'true'"_s), 3000);
    }

    // Jobs shorter than a claim are claimed a batch ahead (ClaimPacer), yet
    // no more of them run at once than the queue's concurrency.
    void shortJobsAreClaimedAhead()
    {
        seed(u"default"_s, u"record"_s, 3000);
        EngineSettings s = engineSettings(2);
        s.batchSize = 100;
        Engine engine(s, registry());
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 3000, 60000);
        QCOMPARE(recorder.mostAtOnce.load(), 2);
        QMutexLocker lock(&recorder.mutex);
        QCOMPARE(QSet<qint64>(recorder.runs.begin(), recorder.runs.end()).size(), 3000);
        // Each claim stamps its jobs with its transaction's time: claiming
        // only for the two executors would take at least 1,500 claims.
        auto claims = Database::exec(m_db, u"SELECT count(DISTINCT started_at) FROM queuedesk.jobs"_s);
        QVERIFY(claims && claims.value().next());
        QVERIFY2(claims.value().value(0).toLongLong() < 300, qPrintable(claims.value().value(0).toString()));
    }

    // Jobs longer than a claim are not held: another worker could run them.
    void longJobsAreNotHeld()
    {
        QCOMPARE(mostActiveOnOneExecutor(6, 150), 1);
    }

    // Active means claimed and not yet settled: a finished job stays active
    // until its outcome is written. So a one-executor engine may claim the
    // next long job only once the last one's completion is in, or the queue
    // shows two active jobs for one executor (and a concurrency limit counts
    // both). A trigger holds each completion open for 300 ms, so a claim that
    // does not wait for it is seen every time.
    void aLongJobsRoomWaitsForItsOutcome()
    {
        SlowUpdates slowCompletions(m_db, u"OLD.state = 'active' AND NEW.state = 'completed'"_s, 0.3);
        QVERIFY(slowCompletions.ok());
        QCOMPARE(mostActiveOnOneExecutor(4, 100), 1);
    }

    void wakesOnNotify()
    {
        Engine engine(engineSettings(2, 60000), registry());   // polling too slow to matter
        engine.start();
        QTRY_COMPARE(engine.state(), Dispatcher::State::Running);
        QVERIFY(JobStore(m_db).enqueue(NewJob{.type = u"record"_s}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 1, 3000);
    }

    void failuresRetryThenDeadLetter()
    {
        QVERIFY(QueueStore(m_db).update({.name = u"default"_s, .maxAttempts = 2, .backoffBaseMs = 0, .backoffMaxMs = 0}).ok());
        JobStore store(m_db);
        const qint64 retried = store.enqueue(NewJob{.type = u"fail"_s}).value();
        const qint64 permanent = store.enqueue(NewJob{.type = u"fail"_s, .payload = {{u"permanent"_s, true}}}).value();
        const qint64 unknown = store.enqueue(NewJob{.type = u"no-such-handler"_s}).value();
        Engine engine(engineSettings(2, 100), registry());
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'failed'"_s), 3, 10000);
        QCOMPARE(store.job(retried)->attempts, 2);
        QCOMPARE(store.job(retried)->errors.size(), 2);
        QCOMPARE(store.job(permanent)->attempts, 1);
        QCOMPARE(store.job(unknown)->attempts, 1);
        QVERIFY(store.job(unknown)->errors.at(0).toObject().value(u"message"_s).toString().contains(u"no-such-handler"_s));
        QVERIFY(QueueStore(m_db).update({.name = u"default"_s}).ok());
    }

    void cancelRunningJob()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"wait"_s}).value();
        EngineSettings s = engineSettings(1);
        s.heartbeatIntervalMs = 200;
        Engine engine(s, registry());
        QSignalSpy progress(&engine, &Engine::jobProgress);
        engine.start();
        QTRY_COMPARE(count(u"state = 'active'"_s), 1);
        QTRY_VERIFY(progress.size() > 0);
        QTRY_VERIFY(store.job(id)->progress.value(u"pages"_s).toInt() > 0);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET cancel_requested = true WHERE id = ?"_s, {id}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(store.job(id)->state, JobState::Cancelled, 5000);
    }

    void gracefulShutdownReleasesUnfinished()
    {
        JobStore store(m_db);
        const qint64 quick = store.enqueue(NewJob{.type = u"wait"_s, .payload = {{u"ms"_s, 300}}}).value();
        const qint64 slow = store.enqueue(NewJob{.type = u"wait"_s, .payload = {{u"ms"_s, 60000}}}).value();
        Engine engine(engineSettings(2), registry());
        engine.start();
        QTRY_COMPARE(count(u"state = 'active'"_s), 2);
        engine.stop(1000);
        QVERIFY(engine.waitForStopped(10000));
        QCOMPARE(store.job(quick)->state, JobState::Completed);
        auto released = store.job(slow);
        QCOMPARE(released->state, JobState::Waiting);
        QCOMPARE(released->attempts, 0);
        QCOMPARE(count(u"state = 'active'"_s), 0);
        auto worker = Database::exec(m_db, u"SELECT state FROM queuedesk.workers"_s);
        QVERIFY(worker.value().next());
        QCOMPARE(worker.value().value(0).toString(), u"stopped"_s);
    }

    // A claim still on its way when the drain begins: its jobs come back to
    // this engine after the shutdown started, and go straight back to
    // waiting without running. The claim is held up on the queue's row lock
    // (a queue with a concurrency limit serialises its claims there).
    void claimInFlightAtShutdownIsGivenBack()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"gated"_s, .concurrency = 10}).ok());
        seed(u"gated"_s, u"record"_s, 5);
        QSqlDatabase blocker = TestDatabase::connect(m_settings, u"blocker"_s);
        QVERIFY(blocker.transaction());
        QVERIFY(Database::exec(blocker, u"SELECT 1 FROM queuedesk.queues WHERE name = 'gated' FOR UPDATE"_s).ok());
        EngineSettings s = engineSettings(4, 500, u"gated"_s);
        Engine engine(s, registry());
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(TestDatabase::scalar(m_db, u"SELECT count(*) FROM pg_stat_activity "
                                                             u"WHERE datname = current_database() AND wait_event_type = 'Lock'"_s),
                                  1, 5000);
        engine.stop(5000);
        QTest::qWait(100);   // the dispatcher is draining with the claim still out
        QVERIFY(blocker.commit());
        QVERIFY(engine.waitForStopped(10000));
        QCOMPARE(count(u"queue = 'gated' AND state = 'waiting' AND attempts = 0 AND locked_by IS NULL"_s), 5);
        QMutexLocker lock(&recorder.mutex);
        QCOMPARE(recorder.runs.size(), 0);
    }

    // With no backoff a failed job is due again as soon as its failure is
    // written, so the claim thread can take it back while the dispatcher
    // still waits for that write's reply. The new attempt must run then, not
    // sit active under our name until its lease runs out. To make the
    // window wide, a trigger slows the statement that follows the failures
    // in the same write: the give-back of the "bounce" jobs.
    void retriesDueAtOnceRunAgainAtOnce()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"eager"_s, .backoffBaseMs = 0, .backoffMaxMs = 0}).ok());
        std::optional<SlowUpdates> slowGiveBacks(std::in_place, m_db, u"OLD.state = 'active' AND NEW.state = 'waiting'"_s, 0.2);
        QVERIFY(slowGiveBacks->ok());
        seed(u"eager"_s, u"flaky"_s, 40);
        seed(u"eager"_s, u"bounce"_s, 40);
        EngineSettings s = engineSettings(8, 100, u"eager"_s);
        s.leaseSeconds = 120;
        {
            Engine engine(s, registry());
            engine.start();
            const bool done = QTest::qWaitFor([this] { return count(u"state = 'completed'"_s) == 80; }, 30000);
            slowGiveBacks.reset();
            QVERIFY2(done, qPrintable(u"%1 completed, %2 active"_s.arg(count(u"state = 'completed'"_s))
                                          .arg(count(u"state = 'active'"_s))));
        }
        QCOMPARE(count(u"type = 'flaky' AND attempts = 2"_s), 40);
    }

    // An idle engine on two queues claims at its poll interval, not in a
    // loop: each queue's empty claim must not start the other's again. The
    // claims are counted by the server (track_functions, for the engine's
    // sessions only); a busy backend flushes its counts every second.
    void idleQueuesDoNotClaimInALoop()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"idle1"_s}).ok());
        QVERIFY(QueueStore(m_db).create({.name = u"idle2"_s}).ok());
        QVERIFY(Database::exec(m_db, u"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET track_functions = ''pl''', "
                                     u"current_database()); END $$"_s).ok());
        auto claims = [this] {
            (void)Database::exec(m_db, u"SELECT pg_stat_clear_snapshot()"_s);
            return TestDatabase::scalar(m_db, u"SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions "
                                              u"WHERE schemaname = 'queuedesk' AND funcname = 'claim'"_s);
        };
        const qint64 before = claims();
        EngineSettings s = engineSettings(4, 500);
        s.queues = {{u"idle1"_s, 4}, {u"idle2"_s, 4}};
        {
            Engine engine(s, registry());
            engine.start();
            QTest::qWait(3000);
            // About 2 queues x 6 polls; a loop makes thousands.
            QVERIFY2(claims() - before < 100, qPrintable(u"%1 claims in 3 s"_s.arg(claims() - before)));
        }
        QVERIFY(Database::exec(m_db, u"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET track_functions', "
                                     u"current_database()); END $$"_s).ok());
    }

    // One executor runs what it holds in claim order, priority first: the
    // claim function returns a batch in the order it updated the rows (by
    // id), which here would put each batch's lowest priority first.
    void heldJobsRunInPriorityOrder()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, priority) "
                                     u"SELECT 'default', 'record', g % 3 FROM generate_series(1, 600) g"_s).ok());
        QHash<qint64, int> priority;
        auto rows = Database::exec(m_db, u"SELECT id, priority FROM queuedesk.jobs"_s);
        QVERIFY(rows.ok());
        while (rows.value().next())
            priority.insert(rows.value().value(0).toLongLong(), rows.value().value(1).toInt());
        Engine engine(engineSettings(1), registry());
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 600, 30000);
        QMutexLocker lock(&recorder.mutex);
        QCOMPARE(recorder.runs.size(), 600);
        for (qsizetype i = 1; i < recorder.runs.size(); ++i) {
            QVERIFY2(priority.value(recorder.runs.at(i)) <= priority.value(recorder.runs.at(i - 1)),
                     qPrintable(u"run %1: job %2 (priority %3) after job %4 (priority %5)"_s.arg(i)
                                    .arg(recorder.runs.at(i)).arg(priority.value(recorder.runs.at(i)))
                                    .arg(recorder.runs.at(i - 1)).arg(priority.value(recorder.runs.at(i - 1)))));
        }
    }

    void rescuesJobsOfDeadWorkers()
    {
        // A job held by a worker that died: its lease ran out.
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, state, attempts, locked_by, lease_until) "
                                     u"VALUES ('default', 'record', 'active', 1, 'dead-worker', now() - interval '1 s')"_s).ok());
        EngineSettings s = engineSettings(2);
        s.rescueIntervalMs = 200;
        Engine engine(s, registry());
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed' AND attempts = 2"_s), 1, 5000);
    }

    void survivesLostConnections()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, payload) "
                                     u"SELECT 'default', 'wait', '{\"ms\": 5}' FROM generate_series(1, 2000)"_s).ok());
        Engine engine(engineSettings(4, 200), registry());
        engine.start();
        QTRY_VERIFY(count(u"state = 'completed'"_s) > 100);
        // Kill every engine connection twice while it works.
        for (int round = 0; round < 2; ++round) {
            QVERIFY(Database::exec(m_db, u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                         u"WHERE datname = current_database() AND pid <> pg_backend_pid()"_s).ok());
            QTest::qWait(300);
        }
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 2000, 60000);
    }

    void chainOfThree()
    {
        const QJsonObject payload{{u"then"_s, QJsonArray{QJsonObject{{u"type"_s, u"record"_s}},
                                                          QJsonObject{{u"type"_s, u"record"_s}}}}};
        const qint64 first = JobStore(m_db).enqueue(NewJob{.type = u"record"_s, .payload = payload}).value();
        Engine engine(engineSettings(2, 100), registry());
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 3, 10000);
        QCOMPARE(count(u"parent_id = %1"_s.arg(first)), 1);
        QCOMPARE(count(u"parent_id IS NOT NULL"_s), 2);
        QCOMPARE(count(u"jsonb_exists(payload, 'then')"_s), 2);   // the first and second still carry the rest
    }

private:
    EngineSettings engineSettings(int concurrency, int pollMs = 500, const QString &queue = u"default"_s)
    {
        EngineSettings s;
        s.connection = m_settings;
        s.queues = {{queue, concurrency}};
        s.pollIntervalMs = pollMs;
        return s;
    }

    void seed(const QString &queue, const QString &type, int n)
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type) SELECT ?, ? FROM generate_series(1, ?)"_s,
                               {queue, type, n}).ok());
    }

    qint64 count(const QString &where)
    {
        return TestDatabase::scalar(m_db, u"SELECT count(*) FROM queuedesk.jobs WHERE "_s + where);
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
