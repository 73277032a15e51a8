#include "db/database.h"
#include "engine/storethread.h"
#include "queue/jobstore.h"
#include "testdatabase.h"

#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The dispatcher's claim and acknowledgement threads: work runs on the
// thread with its own connection, the reply on the caller's thread; a
// broken connection fails one piece of work and the next opens a new one.
class TestStoreThread : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_storethread"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void runsOnItsThreadAndRepliesOnOurs()
    {
        auto stats = std::make_shared<PoolStats>();
        StoreThread thread(m_settings, u"test-run"_s, u"tst"_s, stats);
        QThread *workThread = nullptr;
        QThread *replyThread = nullptr;
        std::optional<qint64> enqueued;
        thread.run<Result<qint64>>(
            [&workThread](Result<JobStore *> store) -> Result<qint64> {
                workThread = QThread::currentThread();
                if (!store)
                    return store.error();
                return store.value()->enqueue(NewJob{.type = u"noop"_s});
            },
            [&](Result<qint64> id) {
                replyThread = QThread::currentThread();
                enqueued = id.ok() ? id.value() : -1;
            });
        QVERIFY(thread.busy());
        QTRY_VERIFY(enqueued.has_value());
        QVERIFY(!thread.busy());
        QVERIFY(*enqueued > 0);
        QVERIFY(workThread && workThread != QThread::currentThread());
        QCOMPARE(replyThread, QThread::currentThread());
        QCOMPARE(stats->snapshot().total, 1);
        QCOMPARE(stats->snapshot().inUse, 0);
    }

    // runNow is the shutdown path: the work in flight lands first, its
    // reply is delivered before runNow returns, then runNow's own work runs.
    void runNowWaitsForTheWorkInFlight()
    {
        StoreThread thread(m_settings, u"test-now"_s, u"tst"_s, std::make_shared<PoolStats>());
        QStringList order;
        thread.run<int>(
            [&order](Result<JobStore *>) {
                QThread::msleep(200);
                order << u"first work"_s;
                return 1;
            },
            [&order](int) { order << u"first reply"_s; });
        const int second = thread.runNow(std::function<int(Result<JobStore *>)>([&order](Result<JobStore *>) {
            order << u"second work"_s;
            return 2;
        }));
        QCOMPARE(second, 2);
        QCOMPARE(order, (QStringList{u"first work"_s, u"first reply"_s, u"second work"_s}));
    }

    void aLostConnectionFailsOnceThenReconnects()
    {
        auto stats = std::make_shared<PoolStats>();
        StoreThread thread(m_settings, u"test-lost"_s, u"tst"_s, stats);
        auto enqueueOne = [&thread] {
            return thread.runNow(std::function<Result<qint64>(Result<JobStore *>)>(
                [](Result<JobStore *> store) -> Result<qint64> {
                    if (!store)
                        return store.error();
                    return store.value()->enqueue(NewJob{.type = u"noop"_s});
                }));
        };
        QVERIFY(enqueueOne().ok());
        QVERIFY(Database::exec(m_db, u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     u"WHERE datname = current_database() AND application_name = current_setting('application_name') "
                                     u"  AND pid <> pg_backend_pid()"_s).ok());
        auto lost = enqueueOne();
        QVERIFY(!lost.ok());
        QCOMPARE(lost.error().code, Error::Code::ConnectionLost);
        QCOMPARE(stats->snapshot().total, 0);
        auto again = enqueueOne();
        QVERIFY2(again.ok(), qPrintable(again.error().toString()));
        QCOMPARE(stats->snapshot().total, 1);
    }

    void anUnreachableServerIsAnErrorForTheWork()
    {
        ConnectionSettings nowhere = m_settings;
        nowhere.port = 1;
        StoreThread thread(nowhere, u"test-nowhere"_s, u"tst"_s, std::make_shared<PoolStats>());
        const Error error = thread.runNow(std::function<Error(Result<JobStore *>)>(
            [](Result<JobStore *> store) { return store ? Error() : store.error(); }));
        QCOMPARE(error.code, Error::Code::ConnectionFailed);
    }

private:
    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestStoreThread)
#include "tst_storethread.moc"
