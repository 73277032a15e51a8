#include "db/database.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"
#include "testdatabase.h"

#include <QMutex>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The claim: exactly once under concurrency, priorities, limits, fairness.
class TestClaim : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_claim"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs; DELETE FROM queuedesk.queues WHERE name <> 'default'; "
                                     u"UPDATE queuedesk.queues SET paused = false"_s).ok());
    }

    void fourThreadsClaimEachJobExactlyOnce()
    {
        seed(u"default"_s, 20000, 1);
        // Three priorities, so the claimers' floors move between them.
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET priority = id % 3"_s).ok());
        QMutex mutex;
        QList<qint64> claimed;
        std::atomic<int> failures = 0;
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&, t] {
                const QString name = u"claimer-%1"_s.arg(t);
                {
                    QSqlDatabase db = TestDatabase::connect(m_settings, name);
                    JobStore store(db);
                    std::optional<JobStore::ClaimFloor> floor;
                    for (;;) {
                        auto jobs = store.claim({.queue = u"default"_s, .workerId = name, .limit = 50, .floor = floor});
                        if (!jobs) {
                            ++failures;
                            break;
                        }
                        if (jobs->isEmpty()) {
                            if (!floor)
                                break;
                            floor.reset();   // a short claim rescans from the head
                            continue;
                        }
                        QList<JobStore::Completion> done;
                        floor = JobStore::floorAfter(jobs.value());
                        for (const Job &job : jobs.value())
                            done.append(JobStore::Completion{job.id, job.attempts, {}});
                        if (store.complete(name, done)->size() != done.size())
                            ++failures;
                        QMutexLocker lock(&mutex);
                        for (const Job &job : jobs.value())
                            claimed.append(job.id);
                    }
                }
                Database::close(name);
            }));
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(120000));
            delete thread;
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(claimed.size(), 20000);
        QCOMPARE(QSet<qint64>(claimed.begin(), claimed.end()).size(), 20000);
        QCOMPARE(count(u"state = 'completed'"_s), 20000);
    }

    void priorityThenAge()
    {
        JobStore store(m_db);
        const qint64 low = store.enqueue(NewJob{.type = u"t"_s, .priority = 0}).value();
        const qint64 high = store.enqueue(NewJob{.type = u"t"_s, .priority = 10}).value();
        const qint64 low2 = store.enqueue(NewJob{.type = u"t"_s, .priority = 0}).value();
        QCOMPARE(claimIds(1), QList<qint64>{high});
        QCOMPARE(claimIds(1), QList<qint64>{low});
        QCOMPARE(claimIds(1), QList<qint64>{low2});
    }

    // A floor skips only what its claim took: jobs of a higher priority that
    // arrive later, the rest of the floor's priority and lower priorities
    // all come, in claim order.
    void floorSeeksPastWhatItsClaimTook()
    {
        JobStore store(m_db);
        QList<qint64> normal;
        for (int i = 0; i < 6; ++i)
            normal.append(store.enqueue(NewJob{.type = u"t"_s, .priority = 5}).value());
        const qint64 low = store.enqueue(NewJob{.type = u"t"_s, .priority = 1}).value();
        auto first = store.claim({.queue = u"default"_s, .workerId = u"t"_s, .limit = 3});
        QVERIFY(first.ok());
        QCOMPARE(first->size(), 3);
        const JobStore::ClaimFloor floor = JobStore::floorAfter(first.value());
        QCOMPARE(floor.priority, 5);
        QCOMPARE(floor.readySeq, TestDatabase::scalar(m_db, u"SELECT ready_seq FROM queuedesk.jobs WHERE id = ?"_s,
                                                      {normal.first()}));
        const qint64 urgent = store.enqueue(NewJob{.type = u"t"_s, .priority = 9}).value();
        // Rows come back in update order, so compare each claim's set.
        QList<QSet<qint64>> claims;
        for (;;) {
            auto next = store.claim({.queue = u"default"_s, .workerId = u"t"_s, .limit = 2, .floor = floor});
            QVERIFY(next.ok());
            if (next->isEmpty())
                break;
            QSet<qint64> ids;
            for (const Job &job : next.value())
                ids.insert(job.id);
            claims.append(ids);
            QVERIFY(claims.size() <= 3);
        }
        QCOMPARE(claims, (QList<QSet<qint64>>{{urgent, normal.at(3)}, {normal.at(4), normal.at(5)}, {low}}));
        // Below the floor nothing waits: the jobs the first claim took are active.
        QCOMPARE(count(u"state = 'waiting'"_s), 0);
    }

    void pausedQueueYieldsNothing()
    {
        seed(u"default"_s, 10, 1);
        QVERIFY(QueueStore(m_db).setPaused(u"default"_s, true).ok());
        QCOMPARE(claimIds(10).size(), 0);
        QVERIFY(QueueStore(m_db).setPaused(u"default"_s, false).ok());
        QCOMPARE(claimIds(10).size(), 10);
        QCOMPARE(QueueStore(m_db).setPaused(u"nope"_s, true).error().code, Error::Code::UnknownQueue);
    }

    void unknownQueueIsAnError()
    {
        auto claimed = JobStore(m_db).claim({.queue = u"nope"_s, .workerId = u"w"_s});
        QCOMPARE(claimed.error().code, Error::Code::UnknownQueue);
    }

    void delayedJobsBecomeDue()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"t"_s, .delayMs = 1500}).value();
        QCOMPARE(claimIds(5).size(), 0);
        // QTRY re-evaluates its expression, so the claim must not sit inside it.
        QList<qint64> got;
        QVERIFY(QTest::qWaitFor([&] { got += claimIds(5); return !got.isEmpty(); }, 5000));
        QCOMPARE(got, QList<qint64>{id});
    }

    void concurrencyCapHoldsAcrossWorkers()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"capped"_s, .concurrency = 3}).ok());
        seed(u"capped"_s, 20, 1);
        QSqlDatabase other = TestDatabase::connect(m_settings, u"other-worker"_s);
        QCOMPARE(JobStore(m_db).claim({.queue = u"capped"_s, .workerId = u"a"_s, .limit = 2})->size(), 2);
        QCOMPARE(JobStore(other).claim({.queue = u"capped"_s, .workerId = u"b"_s, .limit = 10})->size(), 1);
        QCOMPARE(JobStore(m_db).claim({.queue = u"capped"_s, .workerId = u"a"_s, .limit = 10})->size(), 0);
        auto active = Database::exec(m_db, u"SELECT id FROM queuedesk.jobs WHERE state = 'active' AND locked_by = 'b'"_s);
        QVERIFY(active.value().next());
        QVERIFY(JobStore(other).complete(u"b"_s, {{active.value().value(0).toLongLong(), 1, {}}}).ok());
        QCOMPARE(JobStore(m_db).claim({.queue = u"capped"_s, .workerId = u"a"_s, .limit = 10})->size(), 1);
    }

    void rateLimitAcrossWorkers()
    {
        // 120 per minute: a full bucket gives 120 at once, then 2 per second.
        QVERIFY(QueueStore(m_db).create({.name = u"rated"_s, .rateLimit = 120}).ok());
        seed(u"rated"_s, 300, 1);
        QSqlDatabase other = TestDatabase::connect(m_settings, u"other-rated"_s);
        const int first = JobStore(m_db).claim({.queue = u"rated"_s, .workerId = u"a"_s, .limit = 100})->size();
        const int second = JobStore(other).claim({.queue = u"rated"_s, .workerId = u"b"_s, .limit = 100})->size();
        QCOMPARE(first, 100);
        QVERIFY2(second >= 20 && second <= 21, qPrintable(QString::number(second)));
        QVERIFY(JobStore(m_db).claim({.queue = u"rated"_s, .workerId = u"a"_s, .limit = 100})->size() <= 1);
        QVERIFY(QTest::qWaitFor([&] {
            return JobStore(m_db).claim({.queue = u"rated"_s, .workerId = u"a"_s, .limit = 100})->size() >= 1;
        }, 3000));
    }

    void fairClaimServesEveryStoreFirstCycle()
    {
        // The seed scenario: 2 stores x 2,500 and 10 stores x 500, 20 per store.
        QVERIFY(QueueStore(m_db).create({.name = u"fair"_s, .perStoreLimit = 20}).ok());
        seedStores(u"fair"_s, 2, 2500, u"big"_s);
        seedStores(u"fair"_s, 10, 500, u"small"_s);
        auto jobs = JobStore(m_db).claim({.queue = u"fair"_s, .workerId = u"w"_s, .limit = 12 * 20});
        QVERIFY(jobs.ok());
        QCOMPARE(jobs->size(), 240);
        QHash<QString, int> perStore;
        for (const Job &job : jobs.value())
            ++perStore[job.store];
        QCOMPARE(perStore.size(), 12);
        for (auto it = perStore.cbegin(); it != perStore.cend(); ++it)
            QCOMPARE(it.value(), 20);
    }

    void fairClaimRotatesWithSmallBatches()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"fair"_s, .perStoreLimit = 20}).ok());
        seedStores(u"fair"_s, 2, 2500, u"big"_s);
        seedStores(u"fair"_s, 10, 500, u"small"_s);
        // A batch of 50 reaches 3 stores; the cursor carries on where the last one ended.
        QSet<QString> served;
        QString cursor;
        for (int cycle = 0; cycle < 5; ++cycle) {
            auto jobs = JobStore(m_db).claim({.queue = u"fair"_s, .workerId = u"w"_s, .limit = 50, .storeAfter = cursor});
            QCOMPARE(jobs->size(), 50);
            for (const Job &job : jobs.value())
                served.insert(job.store);
            cursor = jobs->last().store;
        }
        QCOMPARE(served.size(), 12);
    }

    void storeWeightDoublesShare()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"weighted"_s, .perStoreLimit = 10}).ok());
        QVERIFY(QueueStore(m_db).setStoreWeight(u"weighted"_s, u"vip0"_s, 2).ok());
        QCOMPARE(QueueStore(m_db).setStoreWeight(u"weighted"_s, u"vip"_s, 0).error().code, Error::Code::InvalidArgument);
        seedStores(u"weighted"_s, 1, 100, u"vip"_s);
        seedStores(u"weighted"_s, 1, 100, u"std"_s);
        auto jobs = JobStore(m_db).claim({.queue = u"weighted"_s, .workerId = u"w"_s, .limit = 100});
        QHash<QString, int> perStore;
        for (const Job &job : jobs.value())
            ++perStore[job.store];
        QCOMPARE(perStore.value(u"vip0"_s), 20);
        QCOMPARE(perStore.value(u"std0"_s), 10);
    }

    void storeConcurrencyCap()
    {
        QVERIFY(QueueStore(m_db).create({.name = u"percap"_s, .storeConcurrency = 2}).ok());
        seedStores(u"percap"_s, 3, 10, u"s"_s);
        QCOMPARE(JobStore(m_db).claim({.queue = u"percap"_s, .workerId = u"w"_s, .limit = 100})->size(), 6);
        QCOMPARE(JobStore(m_db).claim({.queue = u"percap"_s, .workerId = u"w"_s, .limit = 100})->size(), 0);
    }

    void negativeLimitsAreRefused()
    {
        QCOMPARE(QueueStore(m_db).create({.name = u"bad"_s, .concurrency = -1}).error().code, Error::Code::InvalidArgument);
        QCOMPARE(QueueStore(m_db).create({.name = u"bad"_s, .rateLimit = -5}).error().code, Error::Code::InvalidArgument);
        QCOMPARE(QueueStore(m_db).create({.name = u"bad name!"_s}).error().code, Error::Code::InvalidArgument);
        QCOMPARE(QueueStore(m_db).get(u"bad"_s).error().code, Error::Code::UnknownQueue);
    }

private:
    void seed(const QString &queue, int n, int stores)
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, store) "
                                     u"SELECT ?, 'noop', 's' || (g % ?) FROM generate_series(1, ?) g"_s,
                               {queue, stores, n}).ok());
    }

    void seedStores(const QString &queue, int stores, int perStore, const QString &prefix)
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, store) "
                                     u"SELECT ?, 'noop', ? || s FROM generate_series(0, ? - 1) s, generate_series(1, ?) g"_s,
                               {queue, prefix, stores, perStore}).ok());
    }

    QList<qint64> claimIds(int limit)
    {
        QList<qint64> ids;
        auto jobs = JobStore(m_db).claim({.queue = u"default"_s, .workerId = u"t"_s, .limit = limit});
        if (jobs)
            for (const Job &job : jobs.value())
                ids.append(job.id);
        return ids;
    }

    qint64 count(const QString &where)
    {
        return TestDatabase::scalar(m_db, u"SELECT count(*) FROM queuedesk.jobs WHERE "_s + where);
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestClaim)
#include "tst_claim.moc"
