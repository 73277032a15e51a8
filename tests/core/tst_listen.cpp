// Wake-ups survive a LISTEN connection that dies alone: its backend
// terminated, the engine opens it again and subscribes again, so a job
// enqueued afterwards still starts in milliseconds, not at the next poll.
// Before, the lost connection went unnoticed and every wake-up waited for
// the poll interval (430-540 ms in the fault campaign; a minute here).
#include "db/database.h"
#include "engine/engine.h"
#include "engine/handlerregistry.h"
#include "queue/jobstore.h"
#include "testdatabase.h"

#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

class TestListen final : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase m_db;
    ConnectionSettings m_settings;

    qint64 count(const QString &where)
    {
        return TestDatabase::scalar(m_db, u"SELECT count(*) FROM queuedesk.jobs WHERE "_s + where);
    }

    // The engine's LISTEN backend: the only one whose last statement was a
    // LISTEN on QueueDesk's channel.
    qint64 listenBackends(const QString &action)
    {
        return TestDatabase::scalar(m_db, u"SELECT count(%1) FROM pg_stat_activity "
                                          u"WHERE datname = current_database() AND pid <> pg_backend_pid() "
                                          u"AND query ILIKE 'LISTEN%queuedesk_jobs%'"_s.arg(action));
    }

    qint64 listenBackend()
    {
        return TestDatabase::scalar(m_db, u"SELECT coalesce(max(pid), 0) FROM pg_stat_activity "
                                          u"WHERE datname = current_database() AND pid <> pg_backend_pid() "
                                          u"AND query ILIKE 'LISTEN%queuedesk_jobs%'"_s);
    }

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_listen"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void wakeUpsSurviveALostListenConnection()
    {
        auto registry = std::make_shared<HandlerRegistry>();
        registry->add(u"noop"_s, [] {
            struct Noop final : Handler
            {
                HandlerResult run(JobContext &) override { return HandlerResult::success(); }
            };
            return std::make_unique<Noop>();
        });
        EngineSettings settings;
        settings.connection = m_settings;
        settings.queues = {{u"default"_s, 1}};
        settings.pollIntervalMs = 60000;   // polling too slow to matter
        settings.heartbeatIntervalMs = 200;
        settings.scheduler.enabled = false;
        Engine engine(settings, registry);
        engine.start();
        QTRY_COMPARE(engine.state(), Dispatcher::State::Running);
        JobStore store(m_db);
        QVERIFY(store.enqueue(NewJob{.type = u"noop"_s}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 1, 3000);

        QTRY_COMPARE(listenBackends(u"*"_s), 1);
        const qint64 first = listenBackend();
        QVERIFY(Database::exec(m_db, u"SELECT pg_terminate_backend(?)"_s, {first}).ok());
        // Gone, and another one listening (opened and subscribed again).
        QTRY_VERIFY_WITH_TIMEOUT(listenBackend() > 0 && listenBackend() != first, 5000);
        QVERIFY(store.enqueue(NewJob{.type = u"noop"_s}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(count(u"state = 'completed'"_s), 2, 3000);
        QCOMPARE(engine.state(), Dispatcher::State::Running);   // the other connections were not touched
    }
};

QTEST_GUILESS_MAIN(TestListen)
#include "tst_listen.moc"
