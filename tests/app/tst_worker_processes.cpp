// End to end with real queuedesk-worker processes on one database.
#include "db/database.h"
#include "db/localcluster.h"
#include "queue/jobstore.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <csignal>
#include <memory>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

class TestWorkerProcesses : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_worker_processes"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        // The handler under test records each execution: which backend ran
        // it and when it started and ended.
        QVERIFY(Database::execScript(m_db, uR"(
            CREATE TABLE public.executions (n integer, pid integer, started timestamptz, ended timestamptz);
            CREATE FUNCTION record_execution(p_n integer, p_ms integer) RETURNS integer LANGUAGE plpgsql AS $$
            DECLARE t timestamptz := clock_timestamp();
            BEGIN
                IF p_ms > 0 THEN PERFORM pg_sleep(p_ms / 1000.0); END IF;
                INSERT INTO public.executions VALUES (p_n, pg_backend_pid(), t, clock_timestamp());
                RETURN p_n;
            END $$;)"_s).ok());
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs, public.executions; DELETE FROM queuedesk.workers"_s).ok());
    }

    void cleanup()
    {
        for (auto &worker : m_workers) {
            if (worker->state() != QProcess::NotRunning) {
                worker->kill();
                worker->waitForFinished(5000);
            }
        }
        m_workers.clear();
    }

    void threeWorkersRunEveryJobOnce()
    {
        seedRecordJobs(20000, 0);
        for (int i = 0; i < 3; ++i)
            startWorker({u"--queues"_s, u"default:4"_s});
        QTRY_COMPARE_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'completed'"_s), 20000, 180000);
        QCOMPARE(count(u"executions"_s), 20000);
        QCOMPARE(scalar(u"SELECT count(DISTINCT n) FROM executions"_s), 20000);
        QCOMPARE(scalar(u"SELECT count(DISTINCT locked_by) FROM queuedesk.jobs"_s), 3);
        stopAll();
    }

    void killedWorkersJobsAreRescued()
    {
        seedRecordJobs(2000, 20);
        startWorker({u"--queues"_s, u"default:4"_s, u"--lease"_s, u"3"_s});
        startWorker({u"--queues"_s, u"default:4"_s, u"--lease"_s, u"3"_s});
        QTRY_VERIFY_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'completed'"_s) > 200, 60000);
        QVERIFY(count(u"queuedesk.jobs WHERE state = 'active'"_s) > 0);
        ::kill(pid_t(m_workers.front()->processId()), SIGKILL);
        QVERIFY(m_workers.front()->waitForFinished(5000));
        QTRY_COMPARE_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'completed'"_s), 2000, 120000);
        QCOMPARE(scalar(u"SELECT count(DISTINCT n) FROM executions"_s), 2000);
        // A rescued job ran again only after its first run had ended.
        QCOMPARE(scalar(u"SELECT count(*) FROM executions a JOIN executions b ON a.n = b.n AND a.ctid < b.ctid "
                        u"WHERE a.started < b.ended AND b.started < a.ended"_s), 0);
        QVERIFY(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE errors::text LIKE '%lease expired%'"_s) > 0);
        stopAll();
    }

    void survivesServerRestart()
    {
        if (!qEnvironmentVariable("QUEUEDESK_TEST_DSN").isEmpty())
            QSKIP("restarting the server needs the suite's own cluster, not QUEUEDESK_TEST_DSN");
        seedRecordJobs(3000, 5);
        startWorker({u"--queues"_s, u"default:4"_s});
        startWorker({u"--queues"_s, u"default:4"_s});
        QTRY_VERIFY_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'completed'"_s) > 300, 60000);
        m_db = QSqlDatabase();
        Database::close(u"main"_s);
        LocalCluster cluster(QString::fromUtf8(QUEUEDESK_TEST_CLUSTER_DIR), LocalCluster::Options{false, {}});
        QVERIFY(cluster.stop().ok());
        QTest::qWait(1000);
        QVERIFY(cluster.ensureStarted().ok());
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        QTRY_COMPARE_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'completed'"_s), 3000, 120000);
        for (auto &worker : m_workers)
            QCOMPARE(worker->state(), QProcess::Running);
        stopAll();
    }

    void sigtermDrains()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, payload) "
                                     u"SELECT 'default', 'sleep', '{\"ms\": 4000}' FROM generate_series(1, 40)"_s).ok());
        startWorker({u"--queues"_s, u"default:4"_s});
        startWorker({u"--queues"_s, u"default:4"_s});
        // Running, not merely claimed: a job is active from its claim, and on
        // a loaded machine an executor may take a moment to start it; a job
        // not started yet is given back by the drain, by design. Progress in
        // the row shows its handler runs.
        QTRY_COMPARE_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'active' AND progress_pct IS NOT NULL"_s), 8,
                                  20000);
        const qint64 doneBefore = count(u"queuedesk.jobs WHERE state = 'completed'"_s);
        for (auto &worker : m_workers)
            ::kill(pid_t(worker->processId()), SIGTERM);
        for (auto &worker : m_workers) {
            QVERIFY(worker->waitForFinished(20000));
            QCOMPARE(worker->exitStatus(), QProcess::NormalExit);
            QCOMPARE(worker->exitCode(), 0);
        }
        QCOMPARE(count(u"queuedesk.jobs WHERE state = 'active'"_s), 0);
        // The 8 running when the signal came finished; no new ones started.
        QCOMPARE(count(u"queuedesk.jobs WHERE state = 'completed'"_s), doneBefore + 8);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.workers WHERE state = 'stopped'"_s), 2);
    }

    // The README's promise: a second SIGTERM stops at once and gives the
    // running jobs back (their interrupted attempt not counted). It used to
    // be ignored: the worker waited for the whole shutdown timeout.
    void secondSigtermStopsAtOnce()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, payload) "
                                     u"SELECT 'default', 'sleep', '{\"ms\": 60000}' FROM generate_series(1, 2)"_s).ok());
        startWorker({u"--queues"_s, u"default:2"_s, u"--shutdown-timeout"_s, u"30000"_s});
        QTRY_COMPARE_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'active'"_s), 2, 20000);
        QProcess &worker = *m_workers.front();
        ::kill(pid_t(worker.processId()), SIGTERM);
        QTRY_COMPARE(scalar(u"SELECT count(*) FROM queuedesk.workers WHERE state = 'draining'"_s), 1);
        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(worker.processId()), SIGTERM);
        QVERIFY(worker.waitForFinished(10000));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(u"stopped %1 ms after the second signal"_s.arg(clock.elapsed())));
        QCOMPARE(worker.exitCode(), 0);
        QCOMPARE(count(u"queuedesk.jobs WHERE state = 'waiting' AND attempts = 0 AND locked_by IS NULL"_s), 2);
        m_workers.clear();
    }

    // A worker with nothing to do stops at once, also when its database is
    // away (it used to wait for the whole shutdown timeout, plus 2 s).
    void idleWorkerStopsAtOnceWithoutItsDatabase()
    {
        if (!qEnvironmentVariable("QUEUEDESK_TEST_DSN").isEmpty())
            QSKIP("stopping the server needs the suite's own cluster, not QUEUEDESK_TEST_DSN");
        startWorker({u"--queues"_s, u"default:2"_s, u"--shutdown-timeout"_s, u"30000"_s});
        QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM queuedesk.workers WHERE state = 'running'"_s), 1, 20000);
        m_db = QSqlDatabase();
        Database::close(u"main"_s);
        LocalCluster cluster(QString::fromUtf8(QUEUEDESK_TEST_CLUSTER_DIR), LocalCluster::Options{false, {}});
        QVERIFY(cluster.stop().ok());
        QTest::qWait(500);   // the worker notices
        QProcess &worker = *m_workers.front();
        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(worker.processId()), SIGTERM);
        const bool finished = worker.waitForFinished(40000);
        const qint64 took = clock.elapsed();
        QVERIFY(cluster.ensureStarted().ok());
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        QVERIFY(finished);
        QVERIFY2(took < 3000, qPrintable(u"stopped %1 ms after SIGTERM"_s.arg(took)));
        QCOMPARE(worker.exitCode(), 0);
        m_workers.clear();
    }

    // What the README budgets per run process: the engine's four
    // connections and the scheduler's two (it used to keep the schema
    // check's open as well).
    void aWorkerHoldsSixConnections()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type) VALUES ('default', 'noop')"_s).ok());
        startWorker({u"--queues"_s, u"default:2"_s});
        // A job done: the connection that writes outcomes is open too.
        QTRY_COMPARE_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'completed'"_s), 1, 20000);
        QTest::qWait(500);
        QCOMPARE(scalar(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        u"AND pid <> pg_backend_pid() AND backend_type = 'client backend'"_s),
                 6);
        stopAll();
    }

    // A job's error text cannot forge a line of the worker's log: its
    // newline is written as \n, within the worker's own line.
    void aJobCannotForgeALogLine()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, payload) VALUES ('default', 'fail', "
                                     u"jsonb_build_object('permanent', true, 'message', "
                                     u"'boom' || chr(10) || 'queuedesk.worker: job 1 completed'))"_s).ok());
        QProcess worker;
        worker.setProcessChannelMode(QProcess::SeparateChannels);
        worker.start(QString::fromUtf8(QUEUEDESK_WORKER_BIN), QStringList{u"run"_s, u"--dsn"_s, dsn()});
        QVERIFY(worker.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(count(u"queuedesk.jobs WHERE state = 'failed'"_s), 1, 20000);
        ::kill(pid_t(worker.processId()), SIGTERM);
        QVERIFY(worker.waitForFinished(20000));
        const QString log = QString::fromUtf8(worker.readAllStandardError());
        QVERIFY2(log.contains(u"failed boom\\nqueuedesk.worker: job 1 completed"_s), qPrintable(log));
        QVERIFY2(!log.contains(u"\nqueuedesk.worker: job 1 completed"_s), qPrintable(log));
    }

private:
    QString dsn() const
    {
        return u"host=%1 port=%2 dbname=%3 user=%4"_s.arg(m_settings.host).arg(m_settings.port)
                   .arg(m_settings.database, m_settings.user)
               + (m_settings.password.isEmpty() ? QString() : u" password="_s + m_settings.password);
    }

    void seedRecordJobs(int n, int sleepMs)
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, payload) "
                                     u"SELECT 'default', 'sql', jsonb_build_object('function', 'public.record_execution', "
                                     u"'args', jsonb_build_array(g, ?::int)) FROM generate_series(1, ?) g"_s,
                               {sleepMs, n}).ok());
    }

    void startWorker(const QStringList &extra)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(QString::fromUtf8(QUEUEDESK_WORKER_BIN),
                       QStringList{u"run"_s, u"--dsn"_s, dsn(), u"--enable-sql"_s, u"--poll-interval"_s, u"200"_s} + extra);
        QVERIFY(process->waitForStarted());
        m_workers.push_back(std::move(process));
    }

    void stopAll()
    {
        for (auto &worker : m_workers) {
            // processId() is 0 once a process has ended, and kill(0, ...)
            // would signal our own process group.
            if (worker->state() == QProcess::NotRunning)
                continue;
            ::kill(pid_t(worker->processId()), SIGTERM);
            QVERIFY(worker->waitForFinished(30000));
            QCOMPARE(worker->exitCode(), 0);
        }
        m_workers.clear();
    }

    qint64 count(const QString &from) { return scalar(u"SELECT count(*) FROM "_s + from); }

    qint64 scalar(const QString &sql) { return TestDatabase::scalar(m_db, sql); }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
    std::vector<std::unique_ptr<QProcess>> m_workers;
};

QTEST_GUILESS_MAIN(TestWorkerProcesses)
#include "tst_worker_processes.moc"
