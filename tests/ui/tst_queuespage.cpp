#include "db/database.h"
#include "main/mainwindow.h"
#include "queue/jobstore.h"
#include "queues/queuesmodel.h"
#include "queues/queuespage.h"
#include "store/refresher.h"
#include "testdatabase.h"
#include "workers/workersmodel.h"
#include "workers/workerspage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The queues and workers tables against a real database.
class TestQueuesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_queuespage"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void countsMatchTheDatabase()
    {
        MainWindow window;
        QAbstractItemModelTester tester(window.queuesPage()->model());
        window.openServer(m_settings, u"test"_s, false);
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.queues (name) VALUES ('emails')"_s).ok());
        JobStore store(m_db);
        for (int i = 0; i < 7; ++i)
            QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s}).ok());
        QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s, .delayMs = 600000}).ok());
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, state, finished_at) "
                                     u"SELECT 'default', 'noop', 'failed', now() FROM generate_series(1, 3)"_s).ok());
        window.refresher()->refreshNow();
        QueuesModel *model = window.queuesPage()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
        const int emails = model->queueAt(0) == u"emails" ? 0 : 1;
        QTRY_COMPARE(model->index(emails, QueuesModel::ColWaiting).data(QueuesModel::SortRole).toLongLong(), 7);
        QCOMPARE(model->index(emails, QueuesModel::ColDelayed).data(QueuesModel::SortRole).toLongLong(), 1);
        QCOMPARE(model->index(1 - emails, QueuesModel::ColFailed).data(QueuesModel::SortRole).toLongLong(), 3);

        // Another refresh with one more job updates the row in place.
        QTableView *view = window.queuesPage()->view();
        view->selectRow(0);
        const QString selected = model->queueAt(0);
        QVERIFY(store.enqueue(NewJob{.queue = u"emails"_s, .type = u"noop"_s}).ok());
        window.refresher()->refreshNow();
        QTRY_COMPARE(model->index(emails, QueuesModel::ColWaiting).data(QueuesModel::SortRole).toLongLong(), 8);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    }

    void pauseButtonPausesTheQueue()
    {
        MainWindow window;
        window.openServer(m_settings, u"test"_s, false);
        QueuesPage *page = window.queuesPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 1, 10000);
        int row = 0;
        while (page->model()->queueAt(row) != u"default")
            ++row;
        page->view()->selectRow(row);
        QVERIFY(page->pauseAction()->isEnabled());
        page->pauseAction()->trigger();
        QTRY_COMPARE(paused(u"default"_s), true);
        QTRY_VERIFY(page->resumeAction()->isEnabled());
        QVERIFY(!page->pauseAction()->isEnabled());
        page->resumeAction()->trigger();
        QTRY_COMPARE(paused(u"default"_s), false);
    }

    void workersTableListsEngines()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.workers (id, host, pid, queues, concurrency, is_leader) "
                                     u"VALUES ('w-1', 'box-a', 42, '{default,emails}', 8, true)"_s).ok());
        MainWindow window;
        QAbstractItemModelTester tester(window.workersPage()->model());
        window.openServer(m_settings, u"test"_s, false);
        WorkersModel *model = window.workersPage()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
        QCOMPARE(model->index(0, WorkersModel::ColHost).data().toString(), u"box-a"_s);
        QCOMPARE(model->index(0, WorkersModel::ColQueues).data().toString(), u"default, emails"_s);
        QCOMPARE(model->index(0, WorkersModel::ColLeader).data().toString(), u"leader"_s);
    }

    void lostConnectionShowsBannerAndRecovers()
    {
        MainWindow window;
        window.openServer(m_settings, u"test"_s, false);
        QTRY_COMPARE(window.storeClient()->connectionState(), StoreClient::ConnectionState::Connected);
        QVERIFY(Database::exec(m_db, u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     u"WHERE application_name = 'queuedesk' AND pid <> pg_backend_pid() "
                                     u"AND datname = current_database()"_s).ok());
        window.refresher()->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(window.banner()->isVisible() || window.banner()->isVisibleTo(&window), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.storeClient()->connectionState(), StoreClient::ConnectionState::Connected, 15000);
        QTRY_VERIFY(!window.banner()->isVisibleTo(&window));
    }

private:
    bool paused(const QString &queue)
    {
        auto q = Database::exec(m_db, u"SELECT paused FROM queuedesk.queues WHERE name = ?"_s, {queue});
        return q && q.value().next() && q.value().value(0).toBool();
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_MAIN(TestQueuesPage)
#include "tst_queuespage.moc"
