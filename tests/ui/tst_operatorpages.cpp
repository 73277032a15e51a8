#include "db/database.h"
#include "deadletters/deadlettersmodel.h"
#include "deadletters/deadletterspage.h"
#include "engine/scheduler/scheduleservice.h"
#include "engine/scheduler/systemclock.h"
#include "queue/queuestore.h"
#include "queue/schedulestore.h"
#include "queueconfig/cleanqueuedialog.h"
#include "queueconfig/queueconfigdialog.h"
#include "queues/queuesmodel.h"
#include "queues/queuespage.h"
#include "schedules/scheduledialog.h"
#include "schedules/schedulesmodel.h"
#include "schedules/schedulespage.h"
#include "store/refresher.h"
#include "store/storeclient.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The dead letters and schedules pages and queue cleaning against a real
// database, each action checked in the database afterwards.
class TestOperatorPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_operatorpages"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
        m_client = new StoreClient(this);
        m_client->connectTo(settings.value());
        QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), StoreClient::ConnectionState::Connected, 15000);
    }

    void deadLettersGroupByTypeAndErrorOverTime()
    {
        seedFailed();
        DeadLettersPage page(m_client);
        QAbstractItemModelTester tester(page.model());
        page.refresh();
        DeadLettersModel *model = page.model();
        QTRY_COMPARE(model->rowCount(), 3);
        const int httpTimeout = rowOf(model, u"http"_s, u"timeout"_s);
        const int refused = rowOf(model, u"http"_s, u"connection refused"_s);
        const int sqlTimeout = rowOf(model, u"sql"_s, u"timeout"_s);
        QVERIFY(httpTimeout >= 0 && refused >= 0 && sqlTimeout >= 0);
        QCOMPARE(counts(model->groupAt(httpTimeout)), (QList<qint64>{3, 3, 3, 3}));
        QCOMPARE(counts(model->groupAt(refused)), (QList<qint64>{0, 0, 2, 2}));
        QCOMPARE(counts(model->groupAt(sqlTimeout)), (QList<qint64>{0, 4, 4, 4}));
    }

    void requeueAGroup()
    {
        seedFailed();
        DeadLettersPage page(m_client);
        page.refresh();
        QTRY_COMPARE(page.model()->rowCount(), 3);
        select(page, rowOf(page.model(), u"http"_s, u"timeout"_s));
        QSignalSpy finished(&page, &DeadLettersPage::actionFinished);
        page.requeueSelected();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toString(), u"3 requeued"_s);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE type = 'http' AND state = 'waiting'"_s), 3);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s), 6);
        QTRY_COMPARE(page.model()->rowCount(), 2);
    }

    void purgeDeletesExactlyTheConfirmedCount()
    {
        seedFailed();
        DeadLettersPage page(m_client);
        page.refresh();
        QTRY_COMPARE(page.model()->rowCount(), 3);
        select(page, rowOf(page.model(), u"sql"_s, u"timeout"_s));

        // Declined: nothing goes.
        qint64 asked = -1;
        page.setConfirm([&asked](qint64 n) { asked = n; return false; });
        page.purgeSelected();
        QTRY_COMPARE(asked, qint64(4));
        drain();
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s), 9);

        // Confirmed: exactly those four; a job failing meanwhile stays.
        asked = -1;
        page.setConfirm([this, &asked](qint64 n) {
            asked = n;
            insertFailed(u"sql"_s, u"timeout"_s, u"1 minute"_s, 1);
            return true;
        });
        QSignalSpy finished(&page, &DeadLettersPage::actionFinished);
        page.purgeSelected();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(asked, qint64(4));
        QCOMPARE(finished.first().first().toString(), u"4 deleted"_s);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE type = 'sql'"_s), 1);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s), 6);

        page.setConfirm([&asked](qint64 n) { asked = n; return true; });
        page.purgeAll();
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(asked, qint64(6));
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s), 0);
        QTRY_COMPARE(page.model()->rowCount(), 0);
    }

    void requeueAll()
    {
        seedFailed();
        DeadLettersPage page(m_client);
        QSignalSpy finished(&page, &DeadLettersPage::actionFinished);
        page.refresh();
        QTRY_COMPARE(page.model()->rowCount(), 3);
        page.requeueAll();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting'"_s), 9);
    }

    void cleanAQueueByStateAndAge()
    {
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.jobs"_s).ok());
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, state, finished_at) VALUES "
                                     u"('default', 'noop', 'completed', now() - interval '3 days'), "
                                     u"('default', 'noop', 'completed', now() - interval '2 days'), "
                                     u"('default', 'noop', 'completed', now() - interval '1 hour'), "
                                     u"('default', 'noop', 'failed', now() - interval '3 days')"_s).ok());
        CleanQueueDialog dialog(m_client, u"default"_s);
        QSignalSpy cleaned(&dialog, &CleanQueueDialog::cleaned);
        dialog.setState(JobState::Completed);
        dialog.setOlderThanHours(24);
        dialog.accept();
        QTRY_COMPARE(cleaned.count(), 1);
        QCOMPARE(cleaned.first().first().toLongLong(), qint64(2));
        QVERIFY(dialog.resultText().contains(u'2'));
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'completed'"_s), 1);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s), 1);
    }

    void queuesPageEditsAndCleansTheSelectedQueue()
    {
        Refresher refresher(m_client);
        QueuesPage page(m_client, &refresher);
        refresher.refreshNow();
        QTRY_VERIFY(page.model()->rowCount() >= 1);
        QVERIFY(!page.editAction()->isEnabled());
        page.view()->selectRow(0);
        const QString queue = page.model()->queueAt(
            qobject_cast<QSortFilterProxyModel *>(page.view()->model())->mapToSource(page.view()->model()->index(0, 0)).row());
        QVERIFY(page.editAction()->isEnabled() && page.cleanAction()->isEnabled());
        page.editAction()->trigger();
        auto *editor = page.findChild<QueueConfigDialog *>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->isLoaded());
        QCOMPARE(editor->field(QueueConfigDialog::Name)->text(), queue);
        editor->field(QueueConfigDialog::RateLimit)->setText(u"30"_s);
        editor->accept();
        QTRY_COMPARE(QueueStore(m_db).get(queue)->rateLimit, std::optional<int>(30));
        page.cleanAction()->trigger();
        QVERIFY(page.findChild<CleanQueueDialog *>());
        page.setReadOnly(true, u"read-only"_s);
        QVERIFY(!page.editAction()->isEnabled() && !page.cleanAction()->isEnabled());
    }

    void schedulesEnableDisableTriggerDelete()
    {
        ScheduleService service(m_db, std::make_shared<SystemClock>());
        for (const QString &name : {u"hourly"_s, u"weekly"_s}) {
            Schedule schedule;
            schedule.name = name;
            schedule.type = u"report."_s + name;
            schedule.cron = name == u"hourly" ? u"0 * * * *"_s : u"@weekly"_s;
            schedule.timezone = u"America/New_York"_s;
            QVERIFY(service.create(schedule).ok());
        }
        SchedulesPage page(m_client);
        QAbstractItemModelTester tester(page.model());
        page.refresh();
        QTRY_COMPARE(page.model()->rowCount(), 2);
        QVERIFY(page.selectSchedule(u"hourly"_s));

        page.setSelectedEnabled(false);
        QTRY_COMPARE(stored(u"hourly"_s).enabled, false);
        QVERIFY(!stored(u"hourly"_s).nextRunAt.isValid());
        QTRY_COMPARE(page.model()->index(page.model()->rowOf(u"hourly"_s), SchedulesModel::ColEnabled).data().toString(),
                     u"no"_s);
        page.setSelectedEnabled(true);
        QTRY_COMPARE(page.statusText(), u"Enabled hourly."_s);
        QCOMPARE(stored(u"hourly"_s).enabled, true);
        QVERIFY(stored(u"hourly"_s).nextRunAt > QDateTime::currentDateTimeUtc());

        QSignalSpy finished(&page, &SchedulesPage::actionFinished);
        page.triggerSelected();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.first().first().toString().startsWith(u"Triggered hourly"_s),
                 qPrintable(finished.first().first().toString()));
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs WHERE type = 'report.hourly'"_s), 1);

        bool asked = false;
        page.setConfirm([&asked](const QString &name) { asked = name == u"hourly"; return true; });
        page.deleteSelected();
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QVERIFY(asked);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.schedules WHERE name = 'hourly'"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.schedules WHERE name = 'weekly'"_s), 1);
    }

    void editAScheduleFromThePage()
    {
        SchedulesPage page(m_client);
        page.refresh();
        QTRY_VERIFY(page.selectSchedule(u"weekly"_s));
        ScheduleDialog *dialog = page.editSelected();
        QVERIFY(dialog);
        QCOMPARE(dialog->nameEdit()->text(), u"weekly"_s);
        dialog->cronEdit()->setText(u"15 6 * * MON-FRI"_s);
        QCOMPARE(dialog->previewTimes().size(), 5);
        dialog->accept();
        QTRY_COMPARE(stored(u"weekly"_s).cron, u"15 6 * * MON-FRI"_s);
        QTRY_COMPARE(page.model()->scheduleAt(page.model()->rowOf(u"weekly"_s)).cron, u"15 6 * * MON-FRI"_s);
    }

private:
    // 3 http "timeout" half an hour ago, 2 http "connection refused" two
    // days ago, 4 sql "timeout" three hours ago.
    void seedFailed()
    {
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.jobs"_s).ok());
        insertFailed(u"http"_s, u"timeout"_s, u"30 minutes"_s, 3);
        insertFailed(u"http"_s, u"connection refused"_s, u"2 days"_s, 2);
        insertFailed(u"sql"_s, u"timeout"_s, u"3 hours"_s, 4);
    }

    void insertFailed(const QString &type, const QString &message, const QString &ago, int n)
    {
        const QString sql = u"INSERT INTO queuedesk.jobs (queue, type, state, attempts, errors, finished_at) "
                            u"SELECT 'default', ?, 'failed', 1, jsonb_build_array(jsonb_build_object("
                            u"'attempt', 1, 'message', 'first try'), jsonb_build_object('attempt', 2, 'message', ?::text)), "
                            u"now() - ?::interval FROM generate_series(1, ?)"_s;
        QVERIFY(Database::exec(m_db, sql, {type, message, ago, n}).ok());
    }

    static int rowOf(DeadLettersModel *model, const QString &type, const QString &message)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->groupAt(row).type == type && model->groupAt(row).message == message)
                return row;
        }
        return -1;
    }

    static QList<qint64> counts(const DeadLetterGroup &group)
    {
        return {group.lastHour, group.lastDay, group.lastWeek, group.total};
    }

    static void select(DeadLettersPage &page, int sourceRow)
    {
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(page.view()->model());
        page.view()->selectRow(proxy->mapFromSource(page.model()->index(sourceRow, 0)).row());
    }

    Schedule stored(const QString &name)
    {
        auto schedule = ScheduleStore(m_db).get(name);
        return schedule ? schedule.value() : Schedule{};
    }

    void drain()
    {
        bool done = false;
        m_client->run<int>(this, {}, [](QSqlDatabase &) { return 0; }, [&done](const int &) { done = true; });
        QTRY_VERIFY(done);
    }

    qint64 count(const QString &sql) { return TestDatabase::scalar(m_db, sql); }

    QSqlDatabase m_db;
    StoreClient *m_client = nullptr;
};

QTEST_MAIN(TestOperatorPages)
#include "tst_operatorpages.moc"
