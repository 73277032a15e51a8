#include "dashboard/connectionschart.h"
#include "dashboard/dashboardpage.h"
#include "dashboard/databasehealthpanel.h"
#include "dashboard/queuehealthmodel.h"
#include "dashboard/storeloadchart.h"
#include "dashboard/timeserieschart.h"
#include "db/database.h"
#include "main/mainwindow.h"
#include "queue/jobstore.h"
#include "store/refresher.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The dashboard against a real database: what the charts and panels show
// must be what the database holds.
class TestDashboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_dashboard"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        QVERIFY(exec(u"INSERT INTO queuedesk.queues (name) VALUES ('emails')"_s));
    }

    void init()
    {
        QVERIFY(exec(u"DELETE FROM queuedesk.jobs"_s));
        QVERIFY(exec(u"DELETE FROM queuedesk.metrics"_s));
        QVERIFY(exec(u"DELETE FROM queuedesk.queue_health"_s));
    }

    void depthMatchesTheDatabase()
    {
        MainWindow window;
        DashboardPage *page = open(window);
        JobStore store(m_db);
        for (int i = 0; i < 7; ++i)
            QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s}).ok());
        for (int i = 0; i < 2; ++i)
            QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s, .delayMs = 600000}).ok());
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, started_at, finished_at) "
                     u"SELECT 'default', 'noop', 'failed', now(), now() FROM generate_series(1, 3)"_s));
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, locked_by, lease_until, started_at) "
                     u"SELECT 'emails', 'noop', 'active', 'w', now() + interval '1 min', now() "
                     u"FROM generate_series(1, 4)"_s));
        window.refresher()->refreshNow();

        // All queues: the totals.
        TimeSeriesChart *depth = page->depthChart();
        QTRY_COMPARE_WITH_TIMEOUT(last(depth, Metric::Waiting), dbCount(u"waiting"_s), 10000);
        QCOMPARE(last(depth, Metric::Waiting), 7.0);
        QCOMPARE(last(depth, Metric::Delayed), dbCount(u"scheduled"_s));
        QCOMPARE(last(depth, Metric::Active), dbCount(u"active"_s));
        QCOMPARE(last(depth, Metric::Failed), dbCount(u"failed"_s));

        // One queue.
        QTRY_VERIFY(page->queueSelector()->findData(u"emails"_s) >= 0);
        page->selectQueue(u"emails"_s);
        QCOMPARE(page->selectedQueue(), u"emails"_s);
        QCOMPARE(last(depth, Metric::Waiting), 7.0);
        QCOMPARE(last(depth, Metric::Delayed), 2.0);
        QCOMPARE(last(depth, Metric::Active), 4.0);
        QCOMPARE(last(depth, Metric::Failed), 0.0);

        // A later refresh moves the live end.
        QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s}).ok());
        window.refresher()->refreshNow();
        QTRY_COMPARE(last(depth, Metric::Waiting), 8.0);
        QVERIFY(depth->series(Metric::Waiting)->count() >= 2);
    }

    void throughputMatchesTheDatabase()
    {
        MainWindow window;
        DashboardPage *page = open(window);
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, state, started_at, finished_at) "
                     u"SELECT 'emails', 'noop', CASE WHEN i <= 5 THEN 'completed' ELSE 'failed' END, "
                     u"       now() - interval '2 min', now() - interval '1 min' * (i % 3) "
                     u"FROM generate_series(1, 7) i"_s));
        window.refresher()->refreshNow();
        // The whole hour of the chart adds up to the jobs finished in it.
        QTRY_COMPARE_WITH_TIMEOUT(sum(page->throughputChart(), Metric::CompletedPerMinute), 5.0, 10000);
        QCOMPARE(sum(page->throughputChart(), Metric::FailedPerMinute), 2.0);
        page->selectQueue(u"default"_s);
        QCOMPARE(sum(page->throughputChart(), Metric::CompletedPerMinute), 0.0);
    }

    void storesOfTheSelectedQueue()
    {
        MainWindow window;
        DashboardPage *page = open(window);
        JobStore store(m_db);
        for (int i = 0; i < 12; ++i) {
            const QString name = i < 6 ? u"big"_s : i < 9 ? u"mid"_s : u"s%1"_s.arg(i);
            QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s, .store = name}).ok());
        }
        window.refresher()->refreshNow();
        QTRY_VERIFY(page->queueSelector()->findData(u"emails"_s) >= 0);
        page->selectQueue(u"emails"_s);
        StoreLoadChart *chart = page->storeChart();
        QTRY_COMPARE_WITH_TIMEOUT(chart->queue(), u"emails"_s, 10000);
        QTRY_COMPARE(chart->categories().size(), 5);
        // Busiest on top (drawn last).
        QCOMPARE(chart->categories().last(), u"big"_s);
        QCOMPARE(chart->waitingSet()->at(chart->categories().size() - 1), 6.0);
        QCOMPARE(chart->waitingSet()->at(chart->categories().size() - 2), 3.0);
        QVERIFY(chart->note().contains(u"counted now"_s));

        // Once an engine samples the stores, later refreshes take its
        // figures instead of counting the backlog again; the rest of the
        // queue's jobs show as "others".
        QVERIFY(exec(u"INSERT INTO queuedesk.metrics (at, queue, waiting, active, top_stores, sampled_by) VALUES "
                     u"(now(), 'emails', 100, 2, '[{\"store\": \"x\", \"waiting\": 60, \"active\": 1}]', 'engine-a')"_s));
        QTRY_COMPARE_WITH_TIMEOUT(refreshedValue(window, [chart] { return chart->categories(); }),
                                  QStringList({u"others"_s, u"x"_s}), 20000);
        QCOMPARE(chart->waitingSet()->at(0), 40.0);
        QCOMPARE(chart->activeSet()->at(0), 1.0);
        QCOMPARE(chart->waitingSet()->at(1), 60.0);
        QVERIFY(chart->note().contains(u"engine-a"_s));
        QVERIFY(chart->toolTip().contains(u"engine-a"_s));
    }

    void connectionsBesideTheServer()
    {
        QVERIFY(exec(u"INSERT INTO queuedesk.metrics (at, queue, pool_total, pool_idle, pool_in_use, pool_waiting, "
                     u"sampled_by) VALUES (now(), 'emails', 8, 5, 3, 1, 'engine-a'), (now(), 'default', 8, 5, 3, 1, "
                     u"'engine-a')"_s));
        MainWindow window;
        DashboardPage *page = open(window);
        ConnectionsChart *chart = page->connectionsChart();
        QTRY_COMPARE_WITH_TIMEOUT(chart->poolFigure(ConnectionsChart::Total), 8, 10000);
        QCOMPARE(chart->poolFigure(ConnectionsChart::InUse), 3);
        QCOMPARE(chart->poolFigure(ConnectionsChart::Waiting), 1);
        // This test's connection and the app's store connection at least.
        QVERIFY(chart->serverFigure(ConnectionsChart::Total) >= 2);
        QCOMPARE(chart->serverFigure(ConnectionsChart::Total), page->databasePanel()->shown().connections.total);
    }

    void deadTuplesAndSizesAppear()
    {
        MainWindow window;
        DashboardPage *page = open(window);
        JobStore store(m_db);
        for (int i = 0; i < 30; ++i)
            QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s}).ok());
        // Below the table's autovacuum threshold (1,000), so they stay.
        QVERIFY(exec(u"UPDATE queuedesk.jobs SET priority = priority + 1"_s));
        DatabaseHealthPanel *panel = page->databasePanel();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed(window, [panel] { return panel->shown().jobs.deadTuples > 0; }), 20000);
        QVERIFY(panel->shown().jobs.found);
        QVERIFY(panel->shown().jobs.tableBytes > 0);
        QVERIFY(panel->shown().jobs.indexes.size() >= 5);
        QVERIFY(panel->shown().jobs.indexes.first().bytes > 0);
        QVERIFY(panel->deadTuplesLabel()->text().startsWith(QLocale().toString(panel->shown().jobs.deadTuples)));
        QVERIFY(panel->findChild<QLabel *>(u"indexSizes"_s)->text().contains(u"jobs_claim"_s));
    }

    void openTransactionShowsItsAge()
    {
        QSqlDatabase holder = TestDatabase::connect(m_settings, u"holder"_s);
        QVERIFY(holder.transaction());
        auto pid = Database::exec(holder, u"SELECT pg_backend_pid(), txid_current()"_s);
        QVERIFY(pid && pid.value().next());
        const qint64 holderPid = pid.value().value(0).toLongLong();

        MainWindow window;
        DashboardPage *page = open(window);
        DatabaseHealthPanel *panel = page->databasePanel();
        panel->setTransactionThresholds(1, 3600);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed(window, [panel] {
            return panel->shown().oldestTransaction.ageSeconds >= 1.5;
        }), 20000);
        const OpenTransaction &x = panel->shown().oldestTransaction;
        QCOMPARE(x.pid, holderPid);
        QVERIFY(x.holdsHorizon);
        QCOMPARE(x.state, u"idle in transaction"_s);
        QCOMPARE(panel->transactionLevel(), DatabaseHealthPanel::Level::Warning);
        QVERIFY(panel->transactionLabel()->text().contains(u"pid %1"_s.arg(holderPid)));
        QVERIFY(!panel->transactionLabel()->styleSheet().isEmpty());
        QVERIFY(panel->transactionLabel()->toolTip().contains(u"SKIP LOCKED"_s));

        QVERIFY(holder.rollback());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed(window, [panel, holderPid] {
            return panel->shown().oldestTransaction.pid != holderPid;
        }), 20000);
        QCOMPARE(panel->transactionLevel(), DatabaseHealthPanel::Level::Ok);
    }

    void timeRangeSwitchChangesTheAxis()
    {
        MainWindow window;
        DashboardPage *page = open(window);
        QTRY_VERIFY_WITH_TIMEOUT(page->historySince().isValid(), 10000);
        QDateTimeAxis *axis = page->depthChart()->timeAxis();
        const QList<std::pair<int, qint64>> cases = {
            {0, 15 * 60}, {1, 60 * 60}, {2, 24 * 60 * 60}, {3, 7 * 24 * 60 * 60}};
        for (const auto &[index, seconds] : cases) {
            page->rangeSelector()->setCurrentIndex(index);
            QCOMPARE(axis->min().secsTo(axis->max()), seconds);
            QCOMPARE(page->throughputChart()->timeAxis()->min().secsTo(page->throughputChart()->timeAxis()->max()),
                     seconds);
        }
        // A week is more than the 24 h read on open: the rest is read now.
        QTRY_VERIFY(page->historySince() <= QDateTime::currentDateTime().addDays(-7).addSecs(60));
        page->setSpan(TimeRange::Minutes15);
        QCOMPARE(page->rangeSelector()->currentIndex(), 0);
        QCOMPARE(axis->min().secsTo(axis->max()), 15 * 60);
    }

    void historyFromMetricsOnOpen()
    {
        QVERIFY(exec(u"INSERT INTO queuedesk.metrics (at, queue, waiting, completed) "
                     u"SELECT now() - make_interval(mins => m), q, 40 + m % 5, 3 "
                     u"FROM generate_series(30, 600, 10) m, unnest(ARRAY['default', 'emails']) q"_s));
        MainWindow window;
        DashboardPage *page = open(window);
        QTRY_VERIFY_WITH_TIMEOUT(page->historySince().isValid(), 10000);
        page->setSpan(TimeRange::Hours24);
        page->selectQueue(u"emails"_s);
        QLineSeries *waiting = page->depthChart()->series(Metric::Waiting);
        // 58 samples between 10 h and 30 min ago, then the live ones (0).
        QTRY_VERIFY(waiting->count() >= 58);
        QCOMPARE(waiting->at(0).y(), 40.0);
        QVERIFY(QDateTime::fromMSecsSinceEpoch(qint64(waiting->at(0).x())) < QDateTime::currentDateTime().addSecs(-9 * 3600));
        // All queues: the two queues' samples summed.
        page->selectQueue(QString());
        QCOMPARE(page->depthChart()->series(Metric::Waiting)->at(0).y(), 80.0);
        // Each sample's 3 completed per queue: 6 a minute for both.
        QCOMPARE(peak(page->throughputChart(), Metric::CompletedPerMinute), 6.0);
    }

    void healthOfEachQueue()
    {
        QVERIFY(exec(u"INSERT INTO queuedesk.queue_health (queue, state, reasons) VALUES ('emails', 'warning', "
                     u"'[{\"rule\": \"max_waiting\", \"level\": \"warning\", \"message\": \"150 jobs waiting (more than 100)\"}]')"_s));
        MainWindow window;
        DashboardPage *page = open(window);
        QueueHealthModel *model = page->healthModel();
        QAbstractItemModelTester tester(model);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
        QTRY_COMPARE(model->stateOf(u"emails"_s), std::optional<HealthState>(HealthState::Warning));
        QVERIFY(model->reasonsOf(u"emails"_s).contains(u"150 jobs waiting"_s));
        QVERIFY(!model->stateOf(u"default"_s).has_value());
        QVERIFY(exec(u"UPDATE queuedesk.queue_health SET state = 'healthy', reasons = '[]' WHERE queue = 'emails'"_s));
        window.refresher()->refreshNow();
        QTRY_COMPARE(model->stateOf(u"emails"_s), std::optional<HealthState>(HealthState::Healthy));
    }

private:
    DashboardPage *open(MainWindow &window)
    {
        window.openServer(m_settings, u"test"_s, false);
        auto *page = window.findChild<DashboardPage *>();
        Q_ASSERT(page);
        return page;
    }

    bool exec(const QString &sql)
    {
        auto done = Database::exec(m_db, sql);
        if (!done)
            qWarning("%s", qPrintable(done.error().toString()));
        return done.ok();
    }

    double dbCount(const QString &state)
    {
        auto q = Database::exec(m_db, u"SELECT count(*) FROM queuedesk.jobs WHERE state = ?"_s, {state});
        return q && q.value().next() ? q.value().value(0).toDouble() : -1;
    }

    static double last(TimeSeriesChart *chart, Metric metric)
    {
        return chart->lastValue(metric).value_or(-1);
    }

    static double sum(TimeSeriesChart *chart, Metric metric)
    {
        double total = 0;
        const QList<QPointF> points = chart->series(metric)->points();
        for (const QPointF &p : points)
            total += p.y();
        return total;
    }

    static double peak(TimeSeriesChart *chart, Metric metric)
    {
        double top = 0;
        const QList<QPointF> points = chart->series(metric)->points();
        for (const QPointF &p : points)
            top = qMax(top, p.y());
        return top;
    }

    // Asks for a refresh whenever the condition does not hold yet.
    template<typename Condition>
    static bool refreshed(MainWindow &window, Condition condition)
    {
        if (condition())
            return true;
        window.refresher()->refreshNow();
        return false;
    }

    // The value, asking for a refresh each time it is read.
    template<typename Value>
    static auto refreshedValue(MainWindow &window, Value value) -> decltype(value())
    {
        window.refresher()->refreshNow();
        return value();
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
