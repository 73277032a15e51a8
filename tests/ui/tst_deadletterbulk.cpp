#include "db/database.h"
#include "deadletters/deadlettersmodel.h"
#include "deadletters/deadletterspage.h"
#include "jobs/bulkactionrunner.h"
#include "store/storeclient.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The dead letters page's requeue and purge through the bulk action runner:
// in chunks, with a report, and a Cancel that stops between chunks, each
// checked in the database afterwards.
class TestDeadLetterBulk : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_deadletterbulk"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        m_client = new StoreClient(this);
        m_client->connectTo(m_settings);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), StoreClient::ConnectionState::Connected, 15000);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.jobs"_s).ok());
    }

    void requeueAGroupInChunks()
    {
        insertFailed(u"http"_s, u"timeout"_s, 1000);
        insertFailed(u"sql"_s, u"boom"_s, 5);
        DeadLettersPage page(m_client);
        QAbstractItemModelTester tester(page.model());
        page.runner()->setChunkSize(64);
        page.refresh();
        QTRY_COMPARE(page.model()->rowCount(), 2);
        select(page, u"http"_s);
        QSignalSpy finished(&page, &DeadLettersPage::actionFinished);
        page.requeueSelected();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().first().toString(), u"1,000 requeued"_s);
        QCOMPARE(page.statusText(), u"1,000 requeued"_s);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE type = 'http' AND state = 'waiting'"_s), 1000);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE type = 'sql' AND state = 'failed'"_s), 5);
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QVERIFY(!page.runner()->isRunning());
    }

    void purgeInChunksCountsJobsGoneMeanwhile()
    {
        insertFailed(u"http"_s, u"timeout"_s, 300);
        DeadLettersPage page(m_client);
        page.runner()->setChunkSize(50);
        page.refresh();
        QTRY_COMPARE(page.model()->rowCount(), 1);
        qint64 asked = -1;
        // While the operator reads the question, one job is deleted and one
        // is requeued by someone else: the purge leaves the requeued one.
        page.setConfirm([this, &asked](qint64 n) {
            asked = n;
            exec(u"DELETE FROM queuedesk.jobs WHERE id = (SELECT min(id) FROM queuedesk.jobs)"_s);
            exec(u"UPDATE queuedesk.jobs SET state = 'waiting', finished_at = NULL "
                 u"WHERE id = (SELECT max(id) FROM queuedesk.jobs)"_s);
            return true;
        });
        QSignalSpy finished(&page, &DeadLettersPage::actionFinished);
        page.purgeAll();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(asked, qint64(300));
        QCOMPARE(finished.first().first().toString(), u"298 deleted, 1 skipped: not found"_s);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs"_s), 1);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting'"_s), 1);
    }

    void cancelStopsBetweenChunksAndLeavesTheRestFailed()
    {
        insertFailed(u"http"_s, u"timeout"_s, 100);
        const qint64 first = count(u"SELECT min(id) FROM queuedesk.jobs"_s);
        DeadLettersPage page(m_client);
        page.runner()->setChunkSize(10);
        page.refresh();
        QTRY_COMPARE(page.model()->rowCount(), 1);

        // Another session holds the 15th job: the second chunk waits for it,
        // so Cancel is pressed while that chunk is under way, every time.
        QSqlDatabase locker = TestDatabase::connect(m_settings, u"locker"_s);
        QVERIFY(locker.transaction());
        QVERIFY(Database::exec(locker, u"SELECT id FROM queuedesk.jobs WHERE id = ? FOR UPDATE"_s, {first + 14}).ok());

        QSignalSpy finished(&page, &DeadLettersPage::actionFinished);
        page.requeueAll();
        QTRY_COMPARE_WITH_TIMEOUT(count(u"SELECT count(*) FROM pg_stat_activity "
                                        u"WHERE datname = current_database() AND wait_event_type = 'Lock'"_s),
                                  1, 15000);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting'"_s), 10);
        auto *dialog = page.findChild<QProgressDialog *>(u"bulkProgress"_s);
        QVERIFY(dialog);
        // The bar shows the first chunk done of the hundred counted.
        QCOMPARE(dialog->maximum(), 100);
        QTRY_COMPARE(dialog->value(), 10);
        auto *cancel = dialog->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        QVERIFY(locker.rollback());

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        QCOMPARE(finished.first().first().toString(), u"20 requeued (stopped early)"_s);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting'"_s), 20);
        QCOMPARE(count(u"SELECT max(id) FROM queuedesk.jobs WHERE state = 'waiting'"_s), first + 19);
        // The other 80 are as they were: failed, finished, one attempt, no new error.
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed' AND finished_at IS NOT NULL "
                       u"AND attempts = 1 AND jsonb_array_length(errors) = 1 AND id > ?"_s, {first + 19}),
                 80);
        // The page reads its groups again: the one group, now of the 80 left.
        QTRY_VERIFY(page.model()->rowCount() == 1 && page.model()->groupAt(0).total == 80);
        locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"locker"_s);
    }

    void cleanupTestCase()
    {
        delete m_client;
        m_client = nullptr;
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"main"_s);
    }

private:
    void insertFailed(const QString &type, const QString &message, int n)
    {
        const QString sql = u"INSERT INTO queuedesk.jobs (queue, type, state, attempts, errors, finished_at) "
                            u"SELECT 'default', ?, 'failed', 1, "
                            u"jsonb_build_array(jsonb_build_object('attempt', 1, 'message', ?::text)), "
                            u"now() - interval '5 minutes' FROM generate_series(1, ?)"_s;
        QVERIFY(Database::exec(m_db, sql, {type, message, n}).ok());
    }

    static void select(DeadLettersPage &page, const QString &type)
    {
        DeadLettersModel *model = page.model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->groupAt(row).type == type) {
                auto *proxy = qobject_cast<QSortFilterProxyModel *>(page.view()->model());
                page.view()->selectRow(proxy->mapFromSource(model->index(row, 0)).row());
                return;
            }
        }
        QFAIL("no such group");
    }

    void exec(const QString &sql)
    {
        QVERIFY(Database::exec(m_db, sql).ok());
    }

    qint64 count(const QString &sql, const QVariantList &binds = {}) { return TestDatabase::scalar(m_db, sql, binds); }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
    StoreClient *m_client = nullptr;
};

QTEST_MAIN(TestDeadLetterBulk)
#include "tst_deadletterbulk.moc"
