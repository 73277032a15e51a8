#include "db/database.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"
#include "queue/sqlvalues.h"
#include "queue/waitexplainer.h"
#include "testdatabase.h"

#include <QLocale>
#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;
using namespace std::chrono_literals;

using Code = WaitReason::Code;

// One scenario per reason: each sets up exactly one thing that holds a job
// back (with a live worker present unless workers are the point), and the
// explainer must name exactly that reason.
class TestWhyWaiting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_whywaiting"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs, queuedesk.workers"_s).ok());
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.queues WHERE name <> 'default'"_s).ok());
    }

    void unknownJob()
    {
        auto reasons = WaitExplainer(m_db).explain(987654);
        QVERIFY(!reasons.ok());
        QCOMPARE(reasons.error().code, Error::Code::NotFound);
    }

    void readyJobHasNoReasons()
    {
        createQueue(QueueConfig{u"ready"_s});
        addWorker(u"w1"_s, {u"ready"_s});
        const qint64 id = enqueue(u"ready"_s);
        QCOMPARE(codes(id), QList<Code>());
    }

    void notWaiting()
    {
        createQueue(QueueConfig{u"done"_s});
        addWorker(u"w1"_s, {u"done"_s});
        JobStore jobs(m_db);
        const qint64 running = enqueue(u"done"_s);
        const qint64 completed = enqueue(u"done"_s);
        const qint64 failed = enqueue(u"done"_s);
        const qint64 cancelled = enqueue(u"done"_s);
        const qint64 stalled = enqueue(u"done"_s);
        QCOMPARE(claimCount(u"done"_s, 5), 5);
        QCOMPARE(jobs.complete(u"w1"_s, {{completed, 1, {}}}).value().size(), 1);
        QCOMPARE(jobs.fail(u"w1"_s, {{failed, 1, u"broken"_s, true}}).value().size(), 1);
        QCOMPARE(jobs.markCancelled(u"w1"_s, {{cancelled, 1}}).value().size(), 1);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET lease_until = now() - interval '1 minute' WHERE id = ?"_s,
                               {stalled}).ok());
        const QList<std::pair<qint64, QString>> cases{{running, u"running now on worker \"w1\""_s},
                                                      {completed, u"completed at"_s},
                                                      {failed, u"failed at"_s},
                                                      {cancelled, u"cancelled at"_s},
                                                      {stalled, u"lease ran out"_s}};
        for (const auto &[id, words] : cases) {
            const QList<WaitReason> reasons = explain(id);
            QCOMPARE(reasons.size(), 1);
            QCOMPARE(reasons.first().code, Code::NotWaiting);
            QVERIFY2(reasons.first().message.contains(words), qPrintable(reasons.first().message));
        }
    }

    void pausedQueue()
    {
        createQueue(QueueConfig{u"held"_s});
        addWorker(u"w1"_s, {u"held"_s});
        const qint64 id = enqueue(u"held"_s);
        QVERIFY(QueueStore(m_db).setPaused(u"held"_s, true).ok());
        QCOMPARE(codes(id), QList<Code>{Code::QueuePaused});
        QVERIFY(QueueStore(m_db).setPaused(u"held"_s, false).ok());
        QCOMPARE(codes(id), QList<Code>());
    }

    void delayedJob()
    {
        createQueue(QueueConfig{u"later"_s});
        addWorker(u"w1"_s, {u"later"_s});
        NewJob job;
        job.queue = u"later"_s;
        job.type = u"t"_s;
        job.delayMs = 3600 * 1000;
        const qint64 id = JobStore(m_db).enqueue(job).value();
        const QList<WaitReason> reasons = explain(id);
        QCOMPARE(codes(reasons), QList<Code>{Code::NotDue});
        const QDateTime runAt = JobStore(m_db).job(id).value().runAt;
        QVERIFY2(reasons.first().message.contains(runAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)),
                 qPrintable(reasons.first().message));
        QVERIFY2(reasons.first().message.contains(u"delayed"_s), qPrintable(reasons.first().message));

        // Once due, a scheduled job enters the line at the next claim.
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET run_at = now() - interval '1 second' WHERE id = ?"_s,
                               {id}).ok());
        QCOMPARE(codes(id), QList<Code>());
    }

    void retryingJob()
    {
        QueueConfig config{u"retry"_s};
        config.backoffBaseMs = 3600 * 1000;   // the retry lands an hour out
        config.backoffMaxMs = 3600 * 1000;
        createQueue(config);
        addWorker(u"w1"_s, {u"retry"_s});
        const qint64 id = enqueue(u"retry"_s);
        JobStore jobs(m_db);
        QCOMPARE(claimCount(u"retry"_s, 1), 1);
        QCOMPARE(jobs.fail(u"w1"_s, {{id, 1, u"flaky"_s, false}}).value().first().state, JobState::Scheduled);
        const QList<WaitReason> reasons = explain(id);
        QCOMPARE(codes(reasons), QList<Code>{Code::NotDue});
        QVERIFY2(reasons.first().message.contains(u"retried"_s), qPrintable(reasons.first().message));
    }

    void concurrencyReached()
    {
        QueueConfig config{u"single"_s};
        config.concurrency = 1;
        createQueue(config);
        addWorker(u"w1"_s, {u"single"_s});
        enqueue(u"single"_s);
        const qint64 second = enqueue(u"single"_s);
        QCOMPARE(claimCount(u"single"_s, 5), 1);
        const QList<WaitReason> reasons = explain(second);
        QCOMPARE(codes(reasons), QList<Code>{Code::ConcurrencyLimit});
        QVERIFY2(reasons.first().message.contains(u"1 active of 1"_s), qPrintable(reasons.first().message));
    }

    void rateLimitReached()
    {
        QueueConfig config{u"slow"_s};
        config.rateLimit = 1;   // one start per minute
        createQueue(config);
        addWorker(u"w1"_s, {u"slow"_s});
        enqueue(u"slow"_s);
        const qint64 second = enqueue(u"slow"_s);
        // The claim spends the bucket's only token.
        QCOMPARE(claimCount(u"slow"_s, 5), 1);
        const QList<WaitReason> reasons = explain(second);
        QCOMPARE(codes(reasons), QList<Code>{Code::RateLimit});
        QVERIFY2(reasons.first().message.contains(u"1 jobs per minute"_s), qPrintable(reasons.first().message));

        // Refill as the claim computes it, at one token a minute: an empty
        // bucket is still short of a token after 50 s, full after 70 s; half
        // a token needs 30 s more.
        setRefilledAgo(u"slow"_s, 0, 50);
        QCOMPARE(codes(second), QList<Code>{Code::RateLimit});
        setRefilledAgo(u"slow"_s, 0, 70);
        QCOMPARE(codes(second), QList<Code>());
        setRefilledAgo(u"slow"_s, 0.5, 40);
        QCOMPARE(codes(second), QList<Code>());
        setRefilledAgo(u"slow"_s, 0.5, 20);
        QCOMPARE(codes(second), QList<Code>{Code::RateLimit});
        // And the claim agrees.
        QCOMPARE(claimCount(u"slow"_s, 5), 0);
    }

    void rateLimitOfZero()
    {
        QueueConfig config{u"stopped"_s};
        config.rateLimit = 0;
        createQueue(config);
        addWorker(u"w1"_s, {u"stopped"_s});
        const qint64 id = enqueue(u"stopped"_s);
        const QList<WaitReason> reasons = explain(id);
        QCOMPARE(codes(reasons), QList<Code>{Code::RateLimit});
        QVERIFY2(reasons.first().message.contains(u"0 jobs per minute"_s), qPrintable(reasons.first().message));
    }

    void storeConcurrencyReached()
    {
        QueueConfig config{u"shops"_s};
        config.storeConcurrency = 1;
        createQueue(config);
        addWorker(u"w1"_s, {u"shops"_s});
        enqueue(u"shops"_s, u"a"_s);
        const qint64 secondOfA = enqueue(u"shops"_s, u"a"_s);
        const qint64 onlyOfB = enqueue(u"shops"_s, u"b"_s);
        // A fair claim of one visits store a first (stores in name order).
        auto claim = JobStore(m_db).claim({u"shops"_s, u"w1"_s, 1, 60});
        QVERIFY2(claim.ok(), qPrintable(claim.error().toString()));
        const QList<Job> claimed = claim.value();
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().store, u"a"_s);
        const QList<WaitReason> reasons = explain(secondOfA);
        QCOMPARE(codes(reasons), QList<Code>{Code::StoreLimit});
        QVERIFY2(reasons.first().message.contains(u"\"a\""_s), qPrintable(reasons.first().message));
        QVERIFY2(reasons.first().message.contains(u"1 active of 1"_s), qPrintable(reasons.first().message));
        // Store b has room, and stores take turns: nothing holds its job.
        QCOMPARE(codes(onlyOfB), QList<Code>());
    }

    void workers_data()
    {
        QTest::addColumn<QStringList>("queues");
        QTest::addColumn<int>("heartbeatAge");
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("staleAfter");
        QTest::addColumn<bool>("served");

        QTest::newRow("no worker") << QStringList{u"-"_s} << 0 << u"running"_s << 60 << false;
        QTest::newRow("serves this queue") << QStringList{u"work"_s} << 0 << u"running"_s << 60 << true;
        QTest::newRow("serves every queue") << QStringList{} << 0 << u"running"_s << 60 << true;
        QTest::newRow("serves other queues") << QStringList{u"other"_s, u"else"_s} << 0 << u"running"_s << 60 << false;
        QTest::newRow("silent") << QStringList{u"work"_s} << 300 << u"running"_s << 60 << false;
        QTest::newRow("silent, lenient threshold") << QStringList{u"work"_s} << 90 << u"running"_s << 120 << true;
        QTest::newRow("silent, strict threshold") << QStringList{u"work"_s} << 90 << u"running"_s << 60 << false;
        QTest::newRow("draining") << QStringList{u"work"_s} << 0 << u"draining"_s << 60 << false;
        QTest::newRow("stopped") << QStringList{} << 0 << u"stopped"_s << 60 << false;
    }

    void workers()
    {
        QFETCH(QStringList, queues);
        QFETCH(int, heartbeatAge);
        QFETCH(QString, state);
        QFETCH(int, staleAfter);
        QFETCH(bool, served);
        createQueue(QueueConfig{u"work"_s});
        if (queues != QStringList{u"-"_s})
            addWorker(u"w1"_s, queues, heartbeatAge, state);
        const qint64 id = enqueue(u"work"_s);
        auto reasons = WaitExplainer(m_db).explain(id, std::chrono::seconds(staleAfter));
        QVERIFY2(reasons.ok(), qPrintable(reasons.error().toString()));
        QCOMPARE(codes(reasons.value()), served ? QList<Code>() : QList<Code>{Code::NoLiveWorker});
        if (!served && state == u"running" && heartbeatAge > staleAfter)
            QVERIFY2(reasons->first().message.contains(u"1 running worker"_s), qPrintable(reasons->first().message));
    }

    void jobsAhead()
    {
        createQueue(QueueConfig{u"line"_s});
        addWorker(u"w1"_s, {u"line"_s});
        const qint64 first = enqueue(u"line"_s);
        enqueue(u"line"_s);
        const qint64 third = enqueue(u"line"_s);
        const qint64 urgent = enqueue(u"line"_s, {}, 5);
        const qint64 low = enqueue(u"line"_s, {}, -1);
        QCOMPARE(codes(first), QList<Code>{Code::JobsAhead});    // the urgent one jumps it
        QCOMPARE(codes(urgent), QList<Code>());
        const QList<WaitReason> reasons = explain(third);
        QCOMPARE(codes(reasons), QList<Code>{Code::JobsAhead});
        QVERIFY2(reasons.first().message.startsWith(u"3 waiting jobs"_s), qPrintable(reasons.first().message));
        const QString behind = explain(low).first().message;
        QVERIFY2(behind.startsWith(u"4 waiting jobs"_s), qPrintable(behind));
        // A due scheduled job lines up behind every waiting job of its priority.
        const qint64 due = enqueue(u"line"_s);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET state = 'scheduled', run_at = now() - interval '1 s' "
                                     u"WHERE id = ?"_s, {due}).ok());
        const QString scheduled = explain(due).first().message;
        QVERIFY2(scheduled.startsWith(u"4 waiting jobs"_s), qPrintable(scheduled));
    }

    void jobsAheadInFairQueue()
    {
        QueueConfig config{u"fair"_s};
        config.perStoreLimit = 1;
        createQueue(config);
        addWorker(u"w1"_s, {u"fair"_s});
        enqueue(u"fair"_s, u"a"_s);
        enqueue(u"fair"_s, u"a"_s);
        const qint64 thirdOfA = enqueue(u"fair"_s, u"a"_s);
        const qint64 firstOfB = enqueue(u"fair"_s, u"b"_s);
        QCOMPARE(codes(firstOfB), QList<Code>());   // first of its store: stores take turns
        const QList<WaitReason> reasons = explain(thirdOfA);
        QCOMPARE(codes(reasons), QList<Code>{Code::JobsAhead});
        QVERIFY2(reasons.first().message.startsWith(u"2 waiting jobs of its store \"a\""_s),
                 qPrintable(reasons.first().message));
    }

    void jobsAheadCountIsBounded()
    {
        createQueue(QueueConfig{u"deep"_s});
        addWorker(u"w1"_s, {u"deep"_s});
        QList<NewJob> backlog(10000);
        for (NewJob &job : backlog) {
            job.queue = u"deep"_s;
            job.type = u"t"_s;
        }
        QCOMPARE(JobStore(m_db).enqueueMany(backlog).value(), 10000);
        const qint64 atLimit = enqueue(u"deep"_s);
        const qint64 pastLimit = enqueue(u"deep"_s);
        const QString limit = QLocale().toString(10000);
        const QString exact = explain(atLimit).first().message;
        QVERIFY2(exact.startsWith(limit + u" waiting"_s), qPrintable(exact));
        const QString bounded = explain(pastLimit).first().message;
        QVERIFY2(bounded.startsWith(limit + u"+ waiting"_s), qPrintable(bounded));
    }

    void severalReasonsInOrder()
    {
        QueueConfig config{u"many"_s};
        config.concurrency = 0;
        createQueue(config);
        NewJob job;
        job.queue = u"many"_s;
        job.type = u"t"_s;
        job.delayMs = 600 * 1000;
        const qint64 id = JobStore(m_db).enqueue(job).value();
        QVERIFY(QueueStore(m_db).setPaused(u"many"_s, true).ok());
        QCOMPARE(codes(id), (QList<Code>{Code::QueuePaused, Code::NotDue, Code::ConcurrencyLimit, Code::NoLiveWorker}));
    }

private:
    void createQueue(const QueueConfig &config)
    {
        Status created = QueueStore(m_db).create(config);
        QVERIFY2(created.ok(), qPrintable(created.error().toString()));
    }

    qint64 enqueue(const QString &queue, const QString &store = {}, int priority = 0)
    {
        NewJob job;
        job.queue = queue;
        job.type = u"t"_s;
        job.store = store;
        job.priority = priority;
        auto id = JobStore(m_db).enqueue(job);
        if (!id)
            qFatal("enqueue failed: %s", qPrintable(id.error().toString()));
        return id.value();
    }

    // How many jobs one claim by w1 takes; a failed claim fails the test with its error.
    int claimCount(const QString &queue, int limit)
    {
        auto claimed = JobStore(m_db).claim({queue, u"w1"_s, limit, 60});
        if (!claimed) {
            qWarning().noquote() << "claim failed:" << claimed.error().toString();
            return -1;
        }
        return int(claimed.value().size());
    }

    void addWorker(const QString &id, const QStringList &queues, int heartbeatAgeSeconds = 0,
                   const QString &state = u"running"_s)
    {
        auto added = Database::exec(
            m_db, u"INSERT INTO queuedesk.workers (id, host, pid, queues, state, heartbeat_at) "
                  u"VALUES (?, 'test', 1, ?::text[], ?, now() - make_interval(secs => ?))"_s,
            {id, SqlValues::textArray(queues), state, heartbeatAgeSeconds});
        QVERIFY2(added.ok(), qPrintable(added.error().toString()));
    }

    void setRefilledAgo(const QString &queue, double tokens, int seconds)
    {
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.queues SET rate_tokens = ?, "
                                     u"rate_refilled_at = clock_timestamp() - make_interval(secs => ?) WHERE name = ?"_s,
                               {tokens, seconds, queue}).ok());
    }

    QList<WaitReason> explain(qint64 id)
    {
        auto reasons = WaitExplainer(m_db).explain(id);
        if (!reasons)
            qFatal("explain failed: %s", qPrintable(reasons.error().toString()));
        return reasons.value();
    }

    static QList<Code> codes(const QList<WaitReason> &reasons)
    {
        QList<Code> out;
        for (const WaitReason &reason : reasons)
            out.append(reason.code);
        return out;
    }

    QList<Code> codes(qint64 id) { return codes(explain(id)); }

    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestWhyWaiting)
#include "tst_whywaiting.moc"
