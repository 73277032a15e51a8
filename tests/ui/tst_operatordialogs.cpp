#include "db/database.h"
#include "newjob/newjobdialog.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"
#include "queue/schedulestore.h"
#include "queueconfig/queueconfigdialog.h"
#include "schedules/scheduledialog.h"
#include "store/storeclient.h"
#include "testdatabase.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The new-job, schedule and queue configuration dialogs against a real
// database: wrong input shows its error and saves nothing, right input lands.
class TestOperatorDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_operatordialogs"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
        m_client = new StoreClient(this);
        m_client->connectTo(settings.value());
        QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), StoreClient::ConnectionState::Connected, 15000);
        QueueConfig mail;
        mail.name = u"mail"_s;
        QVERIFY(QueueStore(m_db).create(mail).ok());
    }

    void newJobWithBadJsonShowsWhereAndSavesNothing()
    {
        NewJobDialog dialog(m_client);
        QTRY_VERIFY(dialog.queuesLoaded());
        const qint64 before = count(u"SELECT count(*) FROM queuedesk.jobs"_s);
        dialog.payloadEditor()->setPlainText(u"{\n  \"url\": \"https://example.com\",\n  \"n\": 1,,\n}"_s);
        QVERIFY2(dialog.payloadErrorText().contains(u"line 3"_s), qPrintable(dialog.payloadErrorText()));
        QVERIFY(!dialog.okButton()->isEnabled());
        dialog.accept();
        drain();
        QVERIFY(!dialog.errorText().isEmpty());
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs"_s), before);
        // An array is JSON, but not a payload.
        dialog.payloadEditor()->setPlainText(u"[1, 2]"_s);
        QVERIFY(dialog.payloadErrorText().contains(u"object"_s));
        dialog.payloadEditor()->setPlainText(u"{\"ok\": true}"_s);
        QVERIFY(dialog.payloadErrorText().isEmpty());
        QVERIFY(dialog.okButton()->isEnabled());
    }

    void newJobIsEnqueuedWithEveryOption()
    {
        NewJobDialog dialog(m_client);
        QSignalSpy enqueued(&dialog, &NewJobDialog::enqueued);
        QTRY_VERIFY(dialog.queuesLoaded());
        QVERIFY(dialog.queueBox()->findText(u"mail"_s) >= 0);
        dialog.queueBox()->setCurrentText(u"mail"_s);
        dialog.typeBox()->setCurrentText(u"billing.invoice"_s);   // not a built-in: free text
        dialog.payloadEditor()->setPlainText(u"{\"url\": \"https://example.com/a\", \"n\": 3}"_s);
        dialog.priorityBox()->setValue(7);
        dialog.storeEdit()->setText(u"shop-1"_s);
        const QDateTime runAt = QDateTime::currentDateTimeUtc().addSecs(7200);
        dialog.setWhen(NewJobDialog::When::At);
        dialog.runAtEdit()->setDateTime(runAt.toLocalTime());
        dialog.maxAttemptsBox()->setValue(3);
        dialog.uniqueKeyEdit()->setText(u"invoice-42"_s);
        dialog.accept();
        QTRY_COMPARE(enqueued.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        auto job = JobStore(m_db).job(enqueued.first().first().toLongLong());
        QVERIFY2(job.ok(), qPrintable(job.error().toString()));
        QCOMPARE(job->queue, u"mail"_s);
        QCOMPARE(job->type, u"billing.invoice"_s);
        QCOMPARE(job->payload.value(u"url").toString(), u"https://example.com/a"_s);
        QCOMPARE(job->payload.value(u"n").toInt(), 3);
        QCOMPARE(job->priority, 7);
        QCOMPARE(job->store, u"shop-1"_s);
        QCOMPARE(job->state, JobState::Scheduled);
        QVERIFY(qAbs(job->runAt.secsTo(runAt)) <= 60);   // the editor keeps minutes
        QCOMPARE(job->maxAttempts, 3);
        QCOMPARE(job->uniqueKey, u"invoice-42"_s);
    }

    void newJobWithAHeldUniqueKeySaysSo()
    {
        NewJobDialog dialog(m_client);
        QTRY_VERIFY(dialog.queuesLoaded());
        dialog.typeBox()->setCurrentText(u"noop"_s);
        dialog.uniqueKeyEdit()->setText(u"invoice-42"_s);
        const qint64 before = count(u"SELECT count(*) FROM queuedesk.jobs"_s);
        dialog.accept();
        QTRY_VERIFY(dialog.errorText().contains(u"unique key"_s));
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.jobs"_s), before);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void newJobAfterADelay()
    {
        NewJobDialog dialog(m_client);
        QSignalSpy enqueued(&dialog, &NewJobDialog::enqueued);
        QTRY_VERIFY(dialog.queuesLoaded());
        dialog.typeBox()->setCurrentText(u"sleep"_s);
        dialog.setWhen(NewJobDialog::When::Delay);
        dialog.delayBox()->setValue(600);
        dialog.accept();
        QTRY_COMPARE(enqueued.count(), 1);
        auto job = JobStore(m_db).job(enqueued.first().first().toLongLong());
        QVERIFY(job.ok());
        QCOMPARE(job->queue, u"default"_s);
        QCOMPARE(job->state, JobState::Scheduled);
        const qint64 wait = QDateTime::currentDateTimeUtc().secsTo(job->runAt);
        QVERIFY2(wait > 500 && wait <= 600, qPrintable(QString::number(wait)));
    }

    void badCronShowsTheFieldErrorAndSavesNothing()
    {
        ScheduleDialog dialog(m_client);
        QTRY_VERIFY(dialog.queuesLoaded());
        dialog.nameEdit()->setText(u"nightly"_s);
        dialog.typeBox()->setCurrentText(u"noop"_s);
        dialog.cronEdit()->setText(u"0 24 * * *"_s);
        QVERIFY2(dialog.cronErrorText().contains(u"hour"_s), qPrintable(dialog.cronErrorText()));
        QVERIFY(dialog.previewTimes().isEmpty());
        dialog.accept();
        drain();
        QVERIFY(!dialog.errorText().isEmpty());
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.schedules"_s), 0);
        dialog.cronEdit()->setText(u"*/15 * * * *"_s);
        QVERIFY(dialog.cronErrorText().isEmpty());
        dialog.zoneBox()->setCurrentText(u"Mars/Olympus"_s);
        QVERIFY(dialog.cronErrorText().contains(u"time zone"_s));
    }

    void validSchedulePreviewsFiveFiresAndIsSaved()
    {
        ScheduleDialog dialog(m_client);
        QSignalSpy saved(&dialog, &ScheduleDialog::saved);
        QTRY_VERIFY(dialog.queuesLoaded());
        dialog.nameEdit()->setText(u"nightly"_s);
        dialog.queueBox()->setCurrentText(u"mail"_s);
        dialog.typeBox()->setCurrentText(u"noop"_s);
        dialog.payloadEditor()->setPlainText(u"{\"report\": \"daily\"}"_s);
        dialog.zoneBox()->setCurrentText(u"Europe/Athens"_s);
        dialog.cronEdit()->setText(u"30 2 * * *"_s);
        QVERIFY(dialog.cronErrorText().isEmpty());
        QVERIFY(!dialog.descriptionText().isEmpty());
        const QList<QDateTime> times = dialog.previewTimes();
        QCOMPARE(times.size(), 5);
        QCOMPARE(dialog.previewTexts().size(), 5);
        const QTimeZone athens("Europe/Athens");
        for (int i = 0; i < times.size(); ++i) {
            const QDateTime local = times.at(i).toTimeZone(athens);
            QVERIFY(local.time().hour() == 2 || local.time().hour() == 3);   // 3: a spring-forward gap
            if (i > 0)
                QVERIFY(times.at(i) > times.at(i - 1));
        }
        QVERIFY(times.first() > QDateTime::currentDateTimeUtc());
        dialog.accept();
        QTRY_COMPARE(saved.count(), 1);
        auto schedule = ScheduleStore(m_db).get(u"nightly"_s);
        QVERIFY2(schedule.ok(), qPrintable(schedule.error().toString()));
        QCOMPARE(schedule->cron, u"30 2 * * *"_s);
        QCOMPARE(schedule->timezone, u"Europe/Athens"_s);
        QCOMPARE(schedule->queue, u"mail"_s);
        QCOMPARE(schedule->payload.value(u"report").toString(), u"daily"_s);
        QCOMPARE(schedule->nextRunAt, times.first());
    }

    void queueConfigRefusesANegativeLimit()
    {
        QueueConfigDialog dialog(m_client);
        dialog.field(QueueConfigDialog::Name)->setText(u"reports"_s);
        dialog.field(QueueConfigDialog::Concurrency)->setText(u"-3"_s);
        QVERIFY2(dialog.errorText().contains(u"negative"_s), qPrintable(dialog.errorText()));
        dialog.accept();
        drain();
        QCOMPARE(count(u"SELECT count(*) FROM queuedesk.queues WHERE name = 'reports'"_s), 0);
        dialog.field(QueueConfigDialog::Concurrency)->setText(u"many"_s);
        QVERIFY(dialog.errorText().contains(u"whole number"_s));
        // Fixed, the same dialog creates the queue.
        QSignalSpy saved(&dialog, &QueueConfigDialog::saved);
        dialog.field(QueueConfigDialog::Concurrency)->setText(u"2"_s);
        QVERIFY(dialog.errorText().isEmpty());
        dialog.accept();
        QTRY_COMPARE(saved.count(), 1);
        auto created = QueueStore(m_db).get(u"reports"_s);
        QVERIFY(created.ok());
        QCOMPARE(created->concurrency, std::optional<int>(2));
    }

    void queueConfigEditLandsInTheDatabase()
    {
        QueueConfigDialog dialog(m_client);
        QSignalSpy saved(&dialog, &QueueConfigDialog::saved);
        dialog.loadQueue(u"mail"_s);
        QTRY_VERIFY(dialog.isLoaded());
        QCOMPARE(dialog.field(QueueConfigDialog::Name)->text(), u"mail"_s);
        QVERIFY(dialog.field(QueueConfigDialog::Name)->isReadOnly());
        dialog.field(QueueConfigDialog::Concurrency)->setText(u"4"_s);
        dialog.field(QueueConfigDialog::RateLimit)->setText(u"120"_s);
        dialog.field(QueueConfigDialog::PerStoreLimit)->setText(u"2"_s);
        dialog.field(QueueConfigDialog::StoreConcurrency)->setText(u"1"_s);
        dialog.field(QueueConfigDialog::MaxAttempts)->setText(u"9"_s);
        dialog.field(QueueConfigDialog::BackoffBase)->setText(u"500"_s);
        dialog.field(QueueConfigDialog::BackoffMax)->setText(u"60000"_s);
        dialog.field(QueueConfigDialog::KeepFailed)->setText(u"50"_s);
        dialog.field(QueueConfigDialog::KeepFailedAge)->setText(u"3600"_s);
        dialog.healthEditor()->setPlainText(u"{\"max_waiting\": 10}"_s);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        dialog.accept();
        QTRY_COMPARE(saved.count(), 1);
        auto config = QueueStore(m_db).get(u"mail"_s);
        QVERIFY(config.ok());
        QCOMPARE(config->concurrency, std::optional<int>(4));
        QCOMPARE(config->rateLimit, std::optional<int>(120));
        QCOMPARE(config->perStoreLimit, std::optional<int>(2));
        QCOMPARE(config->storeConcurrency, std::optional<int>(1));
        QCOMPARE(config->maxAttempts, 9);
        QCOMPARE(config->backoffBaseMs, 500);
        QCOMPARE(config->backoffMaxMs, 60000);
        QCOMPARE(config->keepFailed, 50);
        QCOMPARE(config->keepFailedAgeSeconds, qint64(3600));
        QCOMPARE(config->health.value(u"max_waiting").toInt(), 10);
    }

private:
    // Every request queued on the store thread before this one has finished.
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

QTEST_MAIN(TestOperatorDialogs)
#include "tst_operatordialogs.moc"
