#include "db/database.h"
#include "queue/queuestore.h"
#include "queue/sqlvalues.h"
#include "queue/statsstore.h"
#include "queue/waitexplainer.h"
#include "testdatabase.h"

#include <QHash>
#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;
using namespace std::chrono_literals;

// Jobs are written straight into the table with known timestamps, each an
// offset in seconds from one instant read from the server (m_base), so
// every figure the store returns can be checked exactly.
class TestStats : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_stats"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
        // Estimates follow the table's statistics: only the tests refresh them.
        QVERIFY(Database::exec(m_db, u"ALTER TABLE queuedesk.jobs SET (autovacuum_enabled = false)"_s).ok());
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs, queuedesk.workers"_s).ok());
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.queues WHERE name <> 'default'"_s).ok());
        auto now = Database::exec(m_db, u"SELECT now()::text"_s);
        QVERIFY(now.ok() && now.value().next());
        m_base = now.value().value(0).toString();
    }

    // First, while the fresh table has never been analysed: without a row
    // estimate a figure past the bound is what was counted (bound + 1), flagged.
    void countsEstimatedWithoutStatistics()
    {
        auto reltuples = Database::exec(m_db, u"SELECT reltuples FROM pg_class WHERE oid = 'queuedesk.jobs'::regclass"_s);
        QVERIFY(reltuples.ok() && reltuples.value().next());
        QCOMPARE(reltuples.value().value(0).toDouble(), -1.0);
        seedCountScenario();
        auto counts = StatsStore(m_db).counts(CountMode::Estimated, 3);
        QVERIFY2(counts.ok(), qPrintable(counts.error().toString()));
        const QueueCounts mail = find(counts.value(), u"mail"_s);
        QCOMPARE(mail.completed.value, 4);
        QVERIFY(mail.completed.estimated);
        QCOMPARE(mail.failed.value, 3);
        QVERIFY(!mail.failed.estimated);
    }

    void countsExact()
    {
        seedCountScenario();
        auto counts = StatsStore(m_db).counts(CountMode::Exact);
        QVERIFY2(counts.ok(), qPrintable(counts.error().toString()));
        QCOMPARE(counts->size(), 4);   // default, held, idle, mail: queues without jobs too
        QCOMPARE(counts->at(0).queue, u"default"_s);
        checkMail(find(counts.value(), u"mail"_s), false);
        const QueueCounts idle = find(counts.value(), u"idle"_s);
        QCOMPARE(idle.paused, false);
        QCOMPARE(idle.scheduled() + idle.waiting + idle.active + idle.completed.value + idle.failed.value
                     + idle.cancelled.value, 0);
        const QueueCounts held = find(counts.value(), u"held"_s);
        QCOMPARE(held.paused, true);
        QCOMPARE(held.waiting, 1);
        QCOMPARE(held.completed.value, 0);
    }

    void countsEstimatedBelowBoundAreExact()
    {
        seedCountScenario();
        auto counts = StatsStore(m_db).counts(CountMode::Estimated);
        QVERIFY2(counts.ok(), qPrintable(counts.error().toString()));
        QCOMPARE(counts->size(), 4);
        checkMail(find(counts.value(), u"mail"_s), false);
        QCOMPARE(find(counts.value(), u"held"_s).waiting, 1);
    }

    void countsEstimatedPastBound()
    {
        seedCountScenario();
        // With statistics, the only figure past the bound gets every finished
        // row the others do not account for: here exactly its true count.
        QVERIFY(Database::exec(m_db, u"ANALYZE queuedesk.jobs"_s).ok());
        auto counts = StatsStore(m_db).counts(CountMode::Estimated, 3);
        QVERIFY2(counts.ok(), qPrintable(counts.error().toString()));
        const QueueCounts mail = find(counts.value(), u"mail"_s);
        QCOMPARE(mail.completed.value, 5);
        QVERIFY(mail.completed.estimated);
        QCOMPARE(mail.failed.value, 3);          // exactly at the bound: still counted
        QVERIFY(!mail.failed.estimated);
        QCOMPARE(mail.cancelled.value, 1);
        QVERIFY(!mail.cancelled.estimated);
        QCOMPARE(mail.waiting, 4);               // unfinished figures stay exact
        QCOMPARE(mail.retrying, 3);
    }

    void countsEstimatedShareByStatistics()
    {
        seedCountScenario();
        insertJobs(u"bulk"_s, 40, u"completed"_s);
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"bulk"_s}).ok());
        QVERIFY(Database::exec(m_db, u"ANALYZE queuedesk.jobs"_s).ok());
        auto counts = StatsStore(m_db).counts(CountMode::Estimated, 3);
        QVERIFY(counts.ok());
        const QueueCounts bulk = find(counts.value(), u"bulk"_s);
        const QueueCounts mail = find(counts.value(), u"mail"_s);
        QVERIFY(bulk.completed.estimated);
        QVERIFY(mail.completed.estimated);
        QVERIFY(mail.completed.value >= 4);      // never below what was counted
        QVERIFY(bulk.completed.value > mail.completed.value);
        // 45 completed rows between them; the clamp can only add to that.
        QVERIFY(bulk.completed.value + mail.completed.value >= 45);
        QVERIFY(bulk.completed.value + mail.completed.value <= 46);
    }

    void countsQuickBoundsWaiting()
    {
        seedCountScenario();
        QVERIFY(Database::exec(m_db, u"ANALYZE queuedesk.jobs"_s).ok());
        StatsStore stats(m_db);
        // Below the bound: exact, and not flagged.
        auto counts = stats.counts(CountMode::Quick, 4);
        QVERIFY2(counts.ok(), qPrintable(counts.error().toString()));
        QCOMPARE(find(counts.value(), u"mail"_s).waiting, 4);
        QVERIFY(!find(counts.value(), u"mail"_s).waitingEstimated);

        // Past it, without a sample: from the planner, never below bound + 1.
        counts = stats.counts(CountMode::Quick, 2);
        QVERIFY(counts.ok());
        QueueCounts mail = find(counts.value(), u"mail"_s);
        QVERIFY(mail.waitingEstimated);
        QVERIFY(mail.waiting >= 3);
        QCOMPARE(find(counts.value(), u"held"_s).waiting, 1);   // under the bound
        QVERIFY(!find(counts.value(), u"held"_s).waitingEstimated);
        QCOMPARE(mail.retrying, 3);                             // other unfinished figures exact

        // A leader's fresh sample is taken as it is; a stale one is not.
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.metrics (at, queue, waiting) VALUES "
                                     u"(now() - interval '5 minutes', 'mail', 7000), (now() - interval '5 seconds', 'mail', 900)"_s).ok());
        counts = stats.counts(CountMode::Quick, 2);
        QVERIFY(counts.ok());
        mail = find(counts.value(), u"mail"_s);
        QVERIFY(mail.waitingEstimated);
        QCOMPARE(mail.waiting, 900);
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.metrics WHERE waiting = 900"_s).ok());
        counts = stats.counts(CountMode::Quick, 2);
        QVERIFY(counts.ok());
        QVERIFY(find(counts.value(), u"mail"_s).waiting < 7000);
        QCOMPARE(find(counts.value(), u"mail"_s).stalled, 1);
    }

    void countsRejectsBadBound()
    {
        auto counts = StatsStore(m_db).counts(CountMode::Estimated, 0);
        QVERIFY(!counts.ok());
        QCOMPARE(counts.error().code, Error::Code::InvalidArgument);
    }

    void stalledCount()
    {
        seedCountScenario();
        insertJob(u"held"_s, u"active"_s, u"lease_until = %1::timestamptz - interval '1 second'"_s);
        StatsStore stats(m_db);
        QCOMPARE(stats.stalledCount().value(), 2);
        QCOMPARE(stats.stalledCount(u"mail"_s).value(), 1);
        QCOMPARE(stats.stalledCount(u"idle"_s).value(), 0);
    }

    void storeLoad()
    {
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"shop"_s}).ok());
        const QList<std::tuple<QString, int, int>> stores{
            {u"a"_s, 5, 1}, {u"b"_s, 4, 0}, {u"c"_s, 3, 2}, {u"d"_s, 3, 0}, {u"e"_s, 0, 1}, {QString(), 1, 0}};
        for (const auto &[store, waiting, active] : stores) {
            insertJobs(u"shop"_s, waiting, u"waiting"_s, store);
            insertJobs(u"shop"_s, active, u"active"_s, store);
        }
        insertJobs(u"shop"_s, 10, u"completed"_s, u"z"_s);    // finished and scheduled jobs do not count
        insertJobs(u"shop"_s, 7, u"scheduled"_s, u"y"_s);
        insertJobs(u"default"_s, 9, u"waiting"_s, u"a"_s);   // nor other queues

        auto top3 = StatsStore(m_db).storeLoad(u"shop"_s, 3);
        QVERIFY2(top3.ok(), qPrintable(top3.error().toString()));
        QCOMPARE(top3->queue, u"shop"_s);
        QCOMPARE(loads(top3->top), (QList<std::tuple<QString, qint64, qint64>>{
                                       {u"a"_s, 5, 1}, {u"b"_s, 4, 0}, {u"c"_s, 3, 2}}));   // c before d: more active
        QCOMPARE(top3->others.waiting, 4);      // d 3 + '' 1 + e 0
        QCOMPARE(top3->others.active, 1);
        QCOMPARE(top3->otherStores, 3);

        auto all = StatsStore(m_db).storeLoad(u"shop"_s, 10);
        QVERIFY(all.ok());
        QCOMPARE(all->top.size(), 6);
        QCOMPARE(all->top.at(4).store, QString());   // 1 waiting
        QCOMPARE(all->top.at(5).store, u"e"_s);      // 0 waiting, 1 active
        QCOMPARE(all->others.waiting + all->others.active + all->otherStores, 0);

        auto none = StatsStore(m_db).storeLoad(u"shop"_s, 0);
        QVERIFY(none.ok());
        QVERIFY(none->top.isEmpty());
        QCOMPARE(none->others.waiting, 16);
        QCOMPARE(none->others.active, 4);
        QCOMPARE(none->otherStores, 6);
    }

    void storeLoadOfEmptyAndUnknownQueues()
    {
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"quiet"_s}).ok());
        auto empty = StatsStore(m_db).storeLoad(u"quiet"_s, 5);
        QVERIFY(empty.ok());
        QVERIFY(empty->top.isEmpty());
        QCOMPARE(empty->otherStores, 0);
        auto unknown = StatsStore(m_db).storeLoad(u"nope"_s, 5);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, Error::Code::UnknownQueue);
        QCOMPARE(StatsStore(m_db).storeLoad(u"quiet"_s, -1).error().code, Error::Code::InvalidArgument);
    }

    void timings()
    {
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"calc"_s}).ok());
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"still"_s}).ok());
        // Job i (1..20) ran i s and waited 2i s, and finished within the last
        // 20 min. Runtime avg 10.5 s, p95 = 1 + 0.95 * 19 = 19.05 s; wait
        // avg 21 s, p95 38.1 s.
        for (int i = 1; i <= 20; ++i) {
            // Failed runs count; cancelled ones do not (see timingsSql).
            const QString state = i == 20 ? u"failed"_s : u"completed"_s;
            const int finished = -60 * i;
            const int started = finished - i;
            // Jobs 3 and 4: due later than created (delayed), or created after
            // a due time in the past: the wait counts from the later of the two.
            const int runAt = i == 4 ? started - 5000 : started - 2 * i;
            const int createdAt = i == 3 ? started - 1000 : started - 2 * i;
            insertTimedJob(u"calc"_s, state, createdAt, runAt, started, finished);
        }
        insertTimedJob(u"calc"_s, u"completed"_s, -4 * 3600, -4 * 3600, -3 * 3600, -3 * 3600 + 500);   // before the hour
        insertJob(u"calc"_s, u"cancelled"_s, u"finished_at = %1::timestamptz"_s);   // never ran
        insertTimedJob(u"calc"_s, u"cancelled"_s, -100, -100, -90, -60);          // cancelled: left out
        insertJob(u"calc"_s, u"active"_s, u"started_at = %1::timestamptz - interval '1 hour'"_s);

        auto timings = StatsStore(m_db).timings();
        QVERIFY2(timings.ok(), qPrintable(timings.error().toString()));
        QCOMPARE(timings->size(), 3);   // calc, default, still
        const QueueTimings calc = timings->at(0);
        QCOMPARE(calc.queue, u"calc"_s);
        QCOMPARE(calc.jobs, 20);
        QCOMPARE(calc.runtimeAvgMs, 10500.0);
        QCOMPARE(calc.runtimeP95Ms, 19050.0);
        QCOMPARE(calc.waitAvgMs, 21000.0);
        QCOMPARE(calc.waitP95Ms, 38100.0);
        const QueueTimings still = timings->at(2);
        QCOMPARE(still.queue, u"still"_s);
        QCOMPARE(still.jobs, 0);
        QCOMPARE(still.runtimeAvgMs, 0.0);

        auto wider = StatsStore(m_db).timings(4h, u"calc"_s);
        QVERIFY(wider.ok());
        QCOMPARE(wider->size(), 1);
        QCOMPARE(wider->at(0).jobs, 21);
        QCOMPARE(wider->at(0).runtimeAvgMs, (210.0 + 500) * 1000 / 21);
        QCOMPARE(StatsStore(m_db).timings(0s).error().code, Error::Code::InvalidArgument);
    }

    void throughputPerMinute()
    {
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"flow"_s}).ok());
        auto minuteRow = Database::exec(m_db, u"SELECT date_trunc('minute', ?::timestamptz)"_s, {m_base});
        QVERIFY(minuteRow.ok() && minuteRow.value().next());
        const QDateTime m0 = minuteRow.value().value(0).toDateTime();
        auto at = [](int seconds) -> QString {   // from the start of the base minute
            return u"finished_at = date_trunc('minute', %1::timestamptz) + make_interval(secs => "_s
                   + QString::number(seconds) + u')';
        };
        insertJobs(u"flow"_s, 3, u"completed"_s, {}, at(-60 + 5));
        insertJobs(u"flow"_s, 2, u"completed"_s, {}, at(-180 + 30));
        insertJobs(u"flow"_s, 1, u"failed"_s, {}, at(-180 + 59));
        insertJobs(u"flow"_s, 4, u"failed"_s, {}, at(-300));
        insertJobs(u"flow"_s, 2, u"cancelled"_s, {}, at(-60));      // neither
        insertJobs(u"flow"_s, 6, u"completed"_s, {}, at(-30 * 60));  // before the window

        auto series = StatsStore(m_db).throughput(10);
        QVERIFY2(series.ok(), qPrintable(series.error().toString()));
        QCOMPARE(series->size(), 2);   // default, flow
        QCOMPARE(series->at(0).minutes.size(), 10);
        const QueueThroughput flow = series->at(1);
        QCOMPARE(flow.queue, u"flow"_s);
        QCOMPARE(flow.minutes.size(), 10);
        // The window ends at the server's current minute: m0, or the next one
        // if the clock turned a minute since seeding.
        const QDateTime last = flow.minutes.last().minute;
        QVERIFY(last == m0 || last == m0.addSecs(60));
        QHash<qint64, std::pair<qint64, qint64>> byMinute;   // minutes before m0 -> (completed, failed)
        for (int i = 0; i < flow.minutes.size(); ++i) {
            const ThroughputPoint &point = flow.minutes.at(i);
            QCOMPARE(point.minute, last.addSecs(60 * (i - 9)));   // consecutive, oldest first
            byMinute.insert(point.minute.secsTo(m0) / 60, {point.completed, point.failed});
        }
        QCOMPARE(byMinute.value(1), std::make_pair(qint64(3), qint64(0)));
        QCOMPARE(byMinute.value(3), std::make_pair(qint64(2), qint64(1)));
        QCOMPARE(byMinute.value(5), std::make_pair(qint64(0), qint64(4)));
        qint64 completed = 0, failed = 0;
        for (const ThroughputPoint &point : flow.minutes) {
            completed += point.completed;
            failed += point.failed;
        }
        QCOMPARE(completed, 5);
        QCOMPARE(failed, 5);

        auto one = StatsStore(m_db).throughput(60, u"flow"_s);
        QVERIFY(one.ok());
        QCOMPARE(one->size(), 1);
        QCOMPARE(one->at(0).minutes.size(), 60);
        QCOMPARE(StatsStore(m_db).throughput(0).error().code, Error::Code::InvalidArgument);
    }

    // At scale the planner must keep every read of unfinished states on the
    // partial indexes: with many finished rows and fresh statistics, no call
    // may scan the jobs table sequentially (pg_stat_xact_user_tables counts
    // the current transaction's scans).
    void readsStayOnIndexes()
    {
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"big"_s}).ok());
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, store, state, started_at, finished_at) "
                                     u"SELECT CASE WHEN g % 3 = 0 THEN 'default' ELSE 'big' END, 't', 's' || (g % 50), "
                                     u"       CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'completed' END, "
                                     u"       now() - interval '3 days', now() - interval '2 days' "
                                     u"FROM generate_series(1, 100000) g"_s).ok());
        insertJobs(u"big"_s, 20, u"waiting"_s, u"s1"_s);
        insertJobs(u"big"_s, 3, u"active"_s, u"s2"_s);
        insertJobs(u"big"_s, 2, u"scheduled"_s);
        QVERIFY(Database::exec(m_db, u"VACUUM ANALYZE queuedesk.jobs"_s).ok());
        auto waiting = Database::exec(m_db, u"SELECT max(id) FROM queuedesk.jobs WHERE state = 'waiting'"_s);
        QVERIFY(waiting.ok() && waiting.value().next());

        // PG 15's "xact" counters also hold earlier transactions' scans that
        // are not flushed yet; nothing is flushed inside a transaction, so the
        // difference across it is exactly what these calls did.
        QVERIFY(m_db.transaction());
        const auto before = scanCounts();
        StatsStore stats(m_db);
        QVERIFY(stats.counts(CountMode::Estimated).ok());
        QVERIFY(stats.counts(CountMode::Quick, 5).ok());
        QVERIFY(stats.storeLoad(u"big"_s).ok());
        QVERIFY(stats.timings().ok());
        QVERIFY(stats.throughput().ok());
        QVERIFY(stats.stalledCount().ok());
        auto why = WaitExplainer(m_db).explain(waiting.value().value(0).toLongLong());
        QVERIFY(why.ok());
        const auto after = scanCounts();
        QVERIFY(m_db.rollback());
        QCOMPARE(after.first - before.first, 0);   // sequential scans
        QVERIFY(after.second - before.second > 10);   // index scans
    }

private:
    // mail: 2 delayed, 3 retrying, 4 waiting, 2 active (1 past its lease),
    // 5 completed, 3 failed, 1 cancelled. idle: nothing. held: paused, 1 waiting.
    void seedCountScenario()
    {
        QueueStore queues(m_db);
        for (const QString &name : {u"mail"_s, u"idle"_s, u"held"_s})
            QVERIFY(queues.create(QueueConfig{name}).ok());
        QVERIFY(queues.setPaused(u"held"_s, true).ok());
        insertJobs(u"mail"_s, 2, u"scheduled"_s, {}, u"run_at = %1::timestamptz + interval '1 hour'"_s);
        for (int attempts = 1; attempts <= 3; ++attempts)
            insertJob(u"mail"_s, u"scheduled"_s,
                      u"attempts = "_s + QString::number(attempts) + u", run_at = %1::timestamptz + interval '1 minute'"_s);
        insertJobs(u"mail"_s, 4, u"waiting"_s);
        insertJob(u"mail"_s, u"active"_s, u"lease_until = %1::timestamptz + interval '1 hour'"_s);
        insertJob(u"mail"_s, u"active"_s, u"lease_until = %1::timestamptz - interval '1 second'"_s);
        insertJobs(u"mail"_s, 5, u"completed"_s);
        insertJobs(u"mail"_s, 3, u"failed"_s);
        insertJobs(u"mail"_s, 1, u"cancelled"_s);
        insertJobs(u"held"_s, 1, u"waiting"_s);
    }

    void checkMail(const QueueCounts &mail, bool estimated)
    {
        QCOMPARE(mail.queue, u"mail"_s);
        QCOMPARE(mail.paused, false);
        QCOMPARE(mail.delayed, 2);
        QCOMPARE(mail.retrying, 3);
        QCOMPARE(mail.scheduled(), 5);
        QCOMPARE(mail.waiting, 4);
        QCOMPARE(mail.active, 2);
        QCOMPARE(mail.stalled, 1);
        QCOMPARE(mail.completed.value, 5);
        QCOMPARE(mail.failed.value, 3);
        QCOMPARE(mail.cancelled.value, 1);
        QCOMPARE(mail.completed.estimated, estimated);
        QCOMPARE(mail.failed.estimated, estimated);
        QCOMPARE(mail.cancelled.estimated, estimated);
    }

    std::pair<qint64, qint64> scanCounts()
    {
        auto scans = Database::exec(m_db, u"SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables "
                                          u"WHERE relid = 'queuedesk.jobs'::regclass"_s);
        if (!scans || !scans.value().next())
            return {-1, -1};
        return {scans.value().value(0).toLongLong(), scans.value().value(1).toLongLong()};
    }

    static QueueCounts find(const QList<QueueCounts> &counts, const QString &queue)
    {
        for (const QueueCounts &c : counts) {
            if (c.queue == queue)
                return c;
        }
        return {};
    }

    static QList<std::tuple<QString, qint64, qint64>> loads(const QList<StoreLoad> &list)
    {
        QList<std::tuple<QString, qint64, qint64>> out;
        for (const StoreLoad &load : list)
            out.append({load.store, load.waiting, load.active});
        return out;
    }

    // `set` is extra assignments in which %1 stands for the base instant.
    void insertJobs(const QString &queue, int count, const QString &state, const QString &store = {},
                    const QString &set = {})
    {
        if (count <= 0)
            return;
        const bool finished = state == u"completed" || state == u"failed" || state == u"cancelled";
        auto inserted = Database::exec(
            m_db, u"INSERT INTO queuedesk.jobs (queue, type, store, state, finished_at) "
                  u"SELECT ?, 't', ?, ?, CASE WHEN ? THEN ?::timestamptz END FROM generate_series(1, ?) RETURNING id"_s,
            {queue, store, state, finished, m_base, count});
        QVERIFY2(inserted.ok(), qPrintable(inserted.error().toString()));
        if (set.isEmpty())
            return;
        QList<qint64> ids;
        while (inserted.value().next())
            ids.append(inserted.value().value(0).toLongLong());
        const QString literal = u"'"_s + m_base + u"'"_s;
        auto updated = Database::exec(m_db, u"UPDATE queuedesk.jobs SET "_s + set.arg(literal)
                                                + u" WHERE id = ANY (?::bigint[])"_s,
                                      {SqlValues::idArray(ids)});
        QVERIFY2(updated.ok(), qPrintable(updated.error().toString()));
    }

    void insertJob(const QString &queue, const QString &state, const QString &set)
    {
        insertJobs(queue, 1, state, {}, set);
    }

    // Times in seconds from the base instant.
    void insertTimedJob(const QString &queue, const QString &state, int created, int runAt, int started, int finished)
    {
        auto inserted = Database::exec(
            m_db, u"INSERT INTO queuedesk.jobs (queue, type, state, attempts, created_at, run_at, started_at, finished_at) "
                  u"SELECT ?, 't', ?, 1, b + make_interval(secs => ?), b + make_interval(secs => ?), "
                  u"       b + make_interval(secs => ?), b + make_interval(secs => ?) FROM (SELECT ?::timestamptz AS b) x"_s,
            {queue, state, created, runAt, started, finished, m_base});
        QVERIFY2(inserted.ok(), qPrintable(inserted.error().toString()));
    }

    QSqlDatabase m_db;
    QString m_base;
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
