#include "engine/claimpacer.h"
#include "engine/heldjobs.h"

#include <QTest>

using namespace QueueDesk;
using namespace Qt::StringLiterals;

// The two pieces behind claiming ahead: HeldJobs hands a queue's claimed
// jobs to at most `limit` executors, in claim order, and pauses; ClaimPacer
// holds jobs ahead only while they run shorter than a claim takes.
class TestHeldJobs : public QObject
{
    Q_OBJECT

private slots:
    void startsNoMoreExecutorsThanTheLimit()
    {
        HeldJobs held(2);
        QCOMPARE(held.add(contexts(1, 5)), 2);   // two executors for five jobs
        QCOMPARE(held.add(contexts(6, 3)), 0);   // both busy: none more
        QCOMPARE(held.executors(), 2);
        QList<qint64> order;
        while (auto job = held.next())
            order.append(job->jobId());
        QCOMPARE(order, (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
        QCOMPARE(held.executors(), 1);            // the one that found nothing stopped
        QVERIFY(!held.next());
        QCOMPARE(held.executors(), 0);
        QCOMPARE(held.add(contexts(9, 1)), 1);   // idle again: one executor for one job
    }

    void removeAndTakeAll()
    {
        HeldJobs held(1);
        held.add(contexts(1, 3));
        QCOMPARE(held.remove(2)->jobId(), 2);
        QVERIFY(!held.remove(2));
        const auto rest = held.takeAll();
        QCOMPARE(rest.size(), 2);
        QCOMPARE(held.size(), 0);
    }

    void pausedExecutorsStopUntilAdded()
    {
        HeldJobs held(3);
        QCOMPARE(held.add(contexts(1, 4)), 3);
        held.setPaused(true);
        for (int i = 0; i < 3; ++i)
            QVERIFY(!held.next());
        QCOMPARE(held.executors(), 0);
        QCOMPARE(held.add({}), 0);                // still paused
        held.setPaused(false);
        QCOMPARE(held.add({}), 3);                // the four held jobs get executors again
        QCOMPARE(held.size(), 4);
    }

    void pacerHoldsAheadOnlyForShortJobs()
    {
        ClaimPacer pacer(100);
        QCOMPARE(pacer.prefetch(u"q"_s, 4), 0);   // nothing known yet
        pacer.recordClaim(2000);
        QCOMPARE(pacer.prefetch(u"q"_s, 4), 0);   // runtimes still unknown
        pacer.recordRuntime(u"q"_s, 50);
        QCOMPARE(pacer.prefetch(u"q"_s, 4), 96);  // a batch in all
        QCOMPARE(pacer.prefetch(u"other"_s, 4), 0);
        for (int i = 0; i < 200; ++i)
            pacer.recordRuntime(u"q"_s, 500000);  // jobs became long
        QCOMPARE(pacer.prefetch(u"q"_s, 4), 0);

        ClaimPacer small(10);                     // more executors than a batch
        small.recordClaim(2000);
        small.recordRuntime(u"q"_s, 50);
        QCOMPARE(small.prefetch(u"q"_s, 4), 6);
        QCOMPARE(small.prefetch(u"q"_s, 16), 0);  // never negative
    }

private:
    static QList<std::shared_ptr<JobContext>> contexts(qint64 firstId, int count)
    {
        QList<std::shared_ptr<JobContext>> list;
        for (int i = 0; i < count; ++i)
            list.append(std::make_shared<JobContext>(firstId + i, u"noop"_s, u"q"_s, QString(), QJsonObject(), 1, 3));
        return list;
    }
};

QTEST_GUILESS_MAIN(TestHeldJobs)
#include "tst_heldjobs.moc"
