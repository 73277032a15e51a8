#include "db/database.h"
#include "local/closeguard.h"
#include "local/handleroptionsbox.h"
#include "local/localenginecontroller.h"
#include "local/localworkerpage.h"
#include "local/queuechooser.h"
#include "local/runningjobsmodel.h"
#include "main/mainwindow.h"
#include "queue/jobstore.h"
#include "store/refresher.h"
#include "store/storeclient.h"
#include "testdatabase.h"
#include "util/desktopidentity.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {
// The page on its own: a store client and refresher for the queue names, and
// the connection the engine is started with.
struct PageFixture
{
    explicit PageFixture(const ConnectionSettings &settings)
    {
        client.connectTo(settings);
        page.setConnection(settings);
    }
    StoreClient client;
    Refresher refresher{&client};
    LocalWorkerPage page{&refresher};
    QAbstractItemModelTester tester{page.model()};
};
} // namespace

// Local worker mode against a real database: the engine started from the
// page runs jobs, shows them live, cancels one, drains on stop; the close
// guard's choices.
class TestLocalWorker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The page remembers its choices in QSettings: in a directory of
        // the test's own, never the user's.
        QVERIFY(m_configDir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_configDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_configDir.path());
        QCoreApplication::setOrganizationName(u"QueueDeskTest"_s);
        QCoreApplication::setApplicationName(u"tst_localworker"_s);
        auto settings = TestDatabase::create(u"qdtest_localworker"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    // Every test starts from a page that remembers nothing.
    void init()
    {
        QSettings().clear();
    }

    void riskyHandlersAreOffByDefault()
    {
        PageFixture f(m_settings);
        HandlerOptionsBox *box = f.page.handlerOptions();
        QVERIFY(!box->commandCheck()->isChecked());
        QVERIFY(!box->sqlCheck()->isChecked());
        QVERIFY(!box->settings().commandEnabled);
        QVERIFY(!box->settings().sqlEnabled);
        QVERIFY(box->note()->text().contains(u"command and sql jobs are off"_s));
        box->commandCheck()->setChecked(true);
        box->allowListEdit()->setText(u"/usr/bin/true, gzip"_s);
        QCOMPARE(box->settings().commandAllowList, QStringList({u"/usr/bin/true"_s, u"gzip"_s}));
        QVERIFY(box->note()->text().contains(u"sql jobs are off"_s));
    }

    void startWithoutQueuesSaysWhy()
    {
        PageFixture f(m_settings);
        f.page.queueChooser()->setChosen(u"default"_s, false);
        f.page.startAction()->trigger();
        QVERIFY(!f.page.controller()->isActive());
        QVERIFY(f.page.messageLabel()->text().contains(u"at least one queue"_s));
    }

    // queuedesk-worker's ranges hold here too (EngineSettingsValidator):
    // 17 queues of 64 executors would have started 1,088 threads.
    void startBeyondTheWorkerRangesSaysWhy()
    {
        PageFixture f(m_settings);
        QStringList names;
        for (int i = 0; i < 17; ++i)
            names << u"q%1"_s.arg(i);
        f.page.queueChooser()->addQueues(names);
        for (const QString &name : std::as_const(names))
            f.page.queueChooser()->setChosen(name, true, 64);
        f.page.startAction()->trigger();
        QVERIFY(!f.page.controller()->isActive());
        QVERIFY2(f.page.messageLabel()->text().contains(u"Executors of all chosen queues must be from 1 to 1024"_s),
                 qPrintable(f.page.messageLabel()->text()));
    }

    void countersReadAsWords()
    {
        const QJsonObject counters{{u"keywords"_s, 12}, {u"businesses_found"_s, 40}, {u"message"_s, u"page 3"_s}};
        const QString text = RunningJobsModel::countersText(counters);
        QVERIFY2(text.contains(u"keywords 12"_s) && text.contains(u"businesses found 40"_s), qPrintable(text));
        QVERIFY(!text.contains(u"page 3"_s));
        QCOMPARE(RunningJobsModel::lastLogLine(counters), u"page 3"_s);
    }

    void modelCoalescesShortJobs()
    {
        RunningJobsModel model;
        QAbstractItemModelTester tester(&model);
        int inserted = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, &model, [&] { ++inserted; });
        for (qint64 id = 1; id <= 1000; ++id) {
            model.jobStarted(id, u"q"_s, u"noop"_s);
            model.jobFinished(id);
        }
        model.jobStarted(5000, u"q"_s, u"sleep"_s);
        model.jobProgress(5000, {{u"pages"_s, 3}}, 40);
        QCOMPARE(model.rowCount(), 0);   // nothing until the next apply
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(inserted, 1);
        QCOMPARE(model.jobIdAt(0), 5000);
        QCOMPARE(model.index(0, RunningJobsModel::ColProgress).data(RunningJobsModel::PercentRole).toDouble(), 40.0);
        // A finish and a retry's new start in one window: the old row goes, a new one comes.
        model.jobFinished(5000);
        model.jobStarted(5000, u"q"_s, u"sleep"_s);
        model.flush();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, RunningJobsModel::ColProgress).data(RunningJobsModel::PercentRole).toDouble(), -1.0);
    }

    void engineFromThePageCompletesJobs()
    {
        createQueue(u"local_a"_s);
        JobStore store(m_db);
        QList<NewJob> jobs;
        for (int i = 0; i < 6; ++i)
            jobs << NewJob{.queue = u"local_a"_s, .type = u"sleep"_s, .payload = {{u"ms"_s, 300}}};
        jobs << NewJob{.queue = u"local_a"_s, .type = u"sleep"_s, .payload = {{u"ms"_s, 1500}}};
        for (int i = 0; i < 20; ++i)
            jobs << NewJob{.queue = u"local_a"_s, .type = u"noop"_s};
        QVERIFY(store.enqueueMany(jobs).ok());

        PageFixture f(m_settings);
        double maxPercent = -1;
        QString counters;
        connect(f.page.model(), &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from, const QModelIndex &to) {
            for (int row = from.row(); row <= to.row(); ++row) {
                const QModelIndex progress = f.page.model()->index(row, RunningJobsModel::ColProgress);
                maxPercent = qMax(maxPercent, progress.data(RunningJobsModel::PercentRole).toDouble());
                const QString text = f.page.model()->index(row, RunningJobsModel::ColCounters).data().toString();
                counters = text.isEmpty() ? counters : text;
            }
        });
        chooseOnly(f, u"local_a"_s, 3);
        f.page.startAction()->trigger();
        QVERIFY2(f.page.controller()->isActive(), qPrintable(f.page.messageLabel()->text()));
        QVERIFY(!f.page.startAction()->isEnabled());
        QVERIFY(!f.page.queueChooser()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(f.page.model()->rowCount() > 0, 10000);
        QCOMPARE(f.page.model()->index(0, RunningJobsModel::ColQueue).data().toString(), u"local_a"_s);
        QTRY_COMPARE_WITH_TIMEOUT(countIn(u"local_a"_s, u"completed"_s), 27, 20000);
        QVERIFY2(maxPercent > 0 && maxPercent <= 100, qPrintable(QString::number(maxPercent)));
        QVERIFY2(counters.contains(u"slept ms"_s), qPrintable(counters));
        QTRY_COMPARE(f.page.model()->rowCount(), 0);
        QCOMPARE(f.page.controller()->finishedCount(u"completed"_s), 27);

        f.page.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!f.page.controller()->isActive(), 10000);
        QVERIFY(f.page.startAction()->isEnabled());
    }

    void cancelFromThePage()
    {
        createQueue(u"local_b"_s);
        const qint64 id = enqueueSleep(u"local_b"_s, 60000);
        PageFixture f(m_settings);
        chooseOnly(f, u"local_b"_s, 1);
        f.page.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(f.page.model()->rowCount(), 1, 10000);
        QVERIFY(!f.page.cancelAction()->isEnabled());   // nothing selected yet
        f.page.view()->selectRow(0);
        QVERIFY(f.page.cancelAction()->isEnabled());
        f.page.cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"cancelled"_s, 10000);
        QTRY_COMPARE(f.page.model()->rowCount(), 0);
        QVERIFY(!f.page.cancelAction()->isEnabled());
        QCOMPARE(f.page.controller()->finishedCount(u"cancelled"_s), 1);
    }

    void stoppingDrains()
    {
        createQueue(u"local_c"_s);
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i)
            ids << enqueueSleep(u"local_c"_s, 1500);
        PageFixture f(m_settings);
        chooseOnly(f, u"local_c"_s, 3);
        f.page.drainSecondsBox()->setValue(30);
        f.page.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(f.page.controller()->runningJobs(), 3, 10000);
        f.page.stopAction()->trigger();
        QTRY_COMPARE(f.page.controller()->state(), LocalEngineController::State::Draining);
        QVERIFY(!f.page.stopAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!f.page.controller()->isActive(), 15000);
        for (qint64 id : ids)
            QCOMPARE(stateOf(id), u"completed"_s);
    }

    void stopPastTheDrainTimeGivesJobsBack()
    {
        createQueue(u"local_d"_s);
        const qint64 id = enqueueSleep(u"local_d"_s, 60000);
        PageFixture f(m_settings);
        chooseOnly(f, u"local_d"_s, 1);
        f.page.drainSecondsBox()->setValue(0);
        f.page.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(f.page.controller()->runningJobs(), 1, 10000);
        f.page.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!f.page.controller()->isActive(), 15000);
        QCOMPARE(stateOf(id), u"waiting"_s);
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.jobs WHERE id = ?"_s, {id}).ok());
    }

    void choicesAreRememberedWithoutSecrets()
    {
        {
            PageFixture f(m_settings);
            f.page.queueChooser()->addQueues({u"default"_s});
            QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{u"default"_s, 4}}));
            f.page.queueChooser()->setChosen(u"default"_s, false);
            f.page.queueChooser()->setChosen(u"local_r"_s, true, 3);
            f.page.queueChooser()->setChosen(u"local_x"_s, false, 7);
            f.page.handlerOptions()->commandCheck()->setChecked(true);
            f.page.handlerOptions()->allowListEdit()->setText(u"/usr/bin/true, gzip"_s);
            f.page.handlerOptions()->sqlCheck()->setChecked(true);
            f.page.drainSecondsBox()->setValue(45);
            f.page.saveSettings();
        }
        PageFixture f(m_settings);
        QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{u"local_r"_s, 3}}));
        const HandlerSettings handlers = f.page.handlerOptions()->settings();
        QVERIFY(handlers.commandEnabled);
        QCOMPARE(handlers.commandAllowList, QStringList({u"/usr/bin/true"_s, u"gzip"_s}));
        QVERIFY(handlers.sqlEnabled);
        QCOMPARE(f.page.drainSecondsBox()->value(), 45);
        // "default" arriving later was left out on purpose: it stays out.
        f.page.queueChooser()->addQueues({u"default"_s, u"local_y"_s});
        QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{u"local_r"_s, 3}}));

        // Nothing that opens the database is kept: no password, no connection.
        QSettings settings;
        for (const QString &key : settings.allKeys()) {
            QVERIFY2(!key.contains(u"password"_s, Qt::CaseInsensitive), qPrintable(key));
            const QString value = settings.value(key).toString();
            QVERIFY2(m_settings.password.isEmpty() || !value.contains(m_settings.password), qPrintable(key));
            QVERIFY2(!value.contains(m_settings.host) || m_settings.host.isEmpty(), qPrintable(key));
        }
    }

    void choicesAreRememberedPerProfile()
    {
        {
            PageFixture f(m_settings);
            f.page.queueChooser()->setChoice({{u"local_r"_s, 2}});
            f.page.saveSettings();   // the one set, for a page that knows no profile
            f.page.setProfileName(u"prod/eu"_s);
            // A profile never started here begins afresh.
            f.page.queueChooser()->addQueues({u"default"_s});
            QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{u"default"_s, 4}}));
            QVERIFY(!f.page.handlerOptions()->settings().sqlEnabled);
            f.page.queueChooser()->setChoice({{u"local_p"_s, 5}});
            f.page.handlerOptions()->sqlCheck()->setChecked(true);
            f.page.saveSettings();
        }
        PageFixture f(m_settings);
        QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{u"local_r"_s, 2}}));
        QVERIFY(!f.page.handlerOptions()->settings().sqlEnabled);
        f.page.setProfileName(u"prod/eu"_s);
        QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{u"local_p"_s, 5}}));
        QVERIFY(f.page.handlerOptions()->settings().sqlEnabled);
        QVERIFY(!f.page.handlerOptions()->settings().commandEnabled);
    }

    void startingRemembersTheChoices()
    {
        createQueue(u"local_s"_s);
        {
            PageFixture f(m_settings);
            chooseOnly(f, u"local_s"_s, 2);
            f.page.drainSecondsBox()->setValue(0);
            f.page.startAction()->trigger();
            QVERIFY2(f.page.controller()->isActive(), qPrintable(f.page.messageLabel()->text()));
            f.page.stopAction()->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(!f.page.controller()->isActive(), 15000);
        }
        {
            PageFixture f(m_settings);
            QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{u"local_s"_s, 2}}));
            QCOMPARE(f.page.drainSecondsBox()->value(), 0);
            // A start that fails remembers nothing.
            f.page.queueChooser()->setChoice({});
            f.page.startAction()->trigger();
            QVERIFY(!f.page.controller()->isActive());
        }
        // One store client at a time: they share a connection name.
        PageFixture again(m_settings);
        QCOMPARE(again.page.queueChooser()->chosen(), (QMap<QString, int>{{u"local_s"_s, 2}}));
    }

    void closeGuardLetsAnIdleWindowClose()
    {
        PageFixture f(m_settings);
        QWidget window;
        CloseGuard guard(&f.page, &window);
        int asked = 0;
        guard.setChooser([&](int, bool) { ++asked; return CloseGuard::Choice::Cancel; });
        QVERIFY(guard.allowClose());
        QCOMPARE(asked, 0);
    }

    void closeGuardCancelAndNoTray()
    {
        createQueue(u"local_e"_s);
        const qint64 id = enqueueSleep(u"local_e"_s, 60000);
        PageFixture f(m_settings);
        QWidget window;
        window.show();
        CloseGuard guard(&f.page, &window);
        guard.setTrayAvailable([] { return false; });
        QList<QPair<int, bool>> asked;
        CloseGuard::Choice answer = CloseGuard::Choice::Cancel;
        guard.setChooser([&](int running, bool tray) {
            asked.append({running, tray});
            return answer;
        });
        chooseOnly(f, u"local_e"_s, 1);
        f.page.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(f.page.controller()->runningJobs(), 1, 10000);

        QVERIFY(!guard.allowClose());
        QCOMPARE(asked, (QList<QPair<int, bool>>{{1, false}}));
        QVERIFY(f.page.controller()->isActive());
        // Without a tray "keep working" cannot be honoured: nothing happens.
        answer = CloseGuard::Choice::Tray;
        QVERIFY(!guard.allowClose());
        QVERIFY(window.isVisible());
        QVERIFY(!guard.isInTray());

        f.page.controller()->cancelJob(id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"cancelled"_s, 10000);
    }

    void closeGuardKeepsWorkingInTheTray()
    {
        createQueue(u"local_f"_s);
        const qint64 id = enqueueSleep(u"local_f"_s, 60000);
        PageFixture f(m_settings);
        QWidget window;
        window.show();
        CloseGuard guard(&f.page, &window);
        guard.setTrayAvailable([] { return true; });
        guard.setChooser([](int, bool) { return CloseGuard::Choice::Tray; });
        chooseOnly(f, u"local_f"_s, 1);
        f.page.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(f.page.controller()->runningJobs(), 1, 10000);

        QVERIFY(!guard.allowClose());
        QVERIFY(guard.isInTray());
        QCOMPARE(guard.trayIcon()->icon().pixmap(16).toImage(), DesktopIdentity::icon().pixmap(16).toImage());
        QVERIFY(!window.isVisible());
        QVERIFY(!QApplication::quitOnLastWindowClosed());
        QVERIFY(f.page.controller()->isActive());
        QCOMPARE(stateOf(id), u"active"_s);
        guard.showWindow();
        QVERIFY(window.isVisible());
        QVERIFY(!guard.isInTray());
        QVERIFY(QApplication::quitOnLastWindowClosed());

        f.page.controller()->cancelJob(id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"cancelled"_s, 10000);
    }

    void closingTheMainWindowDrains()
    {
        createQueue(u"local_g"_s);
        QList<qint64> ids;
        for (int i = 0; i < 2; ++i)
            ids << enqueueSleep(u"local_g"_s, 1500);
        MainWindow window;
        window.openServer(m_settings, u"test"_s, false);
        window.show();
        LocalWorkerPage *page = window.localWorkerPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->startAction()->isEnabled(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page->queueChooser()->queues().contains(u"local_g"_s), 10000);
        page->queueChooser()->setChosen(u"default"_s, false);
        page->queueChooser()->setChosen(u"local_g"_s, true, 2);
        int asked = 0;
        window.closeGuard()->setChooser([&](int, bool) { ++asked; return CloseGuard::Choice::Drain; });
        page->startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(page->controller()->runningJobs(), 2, 10000);
        QTRY_VERIFY(statusBarShows(window, u"running, 2 job"_s));

        QVERIFY(!window.close());
        QCOMPARE(asked, 1);
        QVERIFY(window.closeGuard()->isDraining());
        QVERIFY(window.closeGuard()->drainDialog() && window.closeGuard()->drainDialog()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 15000);
        QVERIFY(!page->controller()->isActive());
        for (qint64 id : ids)
            QCOMPARE(stateOf(id), u"completed"_s);
        QVERIFY(statusBarShows(window, u"off"_s));
    }

private:
    void createQueue(const QString &name)
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.queues (name) VALUES (?)"_s, {name}).ok());
    }

    qint64 enqueueSleep(const QString &queue, int ms)
    {
        auto id = JobStore(m_db).enqueue(NewJob{.queue = queue, .type = u"sleep"_s, .payload = {{u"ms"_s, ms}}});
        return id ? id.value() : 0;
    }

    // The chooser learns queue names from a refresh, like in the app.
    void chooseOnly(PageFixture &f, const QString &queue, int executors)
    {
        QTRY_COMPARE_WITH_TIMEOUT(f.client.connectionState(), StoreClient::ConnectionState::Connected, 10000);
        f.refresher.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(f.page.queueChooser()->queues().contains(queue), 10000);
        for (const QString &name : f.page.queueChooser()->queues())
            f.page.queueChooser()->setChosen(name, name == queue, executors);
        QCOMPARE(f.page.queueChooser()->chosen(), (QMap<QString, int>{{queue, executors}}));
    }

    int countIn(const QString &queue, const QString &state)
    {
        auto q = Database::exec(m_db, u"SELECT count(*) FROM queuedesk.jobs WHERE queue = ? AND state::text = ?"_s,
                                {queue, state});
        return q && q.value().next() ? q.value().value(0).toInt() : -1;
    }

    QString stateOf(qint64 id)
    {
        auto q = Database::exec(m_db, u"SELECT state::text FROM queuedesk.jobs WHERE id = ?"_s, {id});
        return q && q.value().next() ? q.value().value(0).toString() : QString();
    }

    static bool statusBarShows(MainWindow &window, const QString &text)
    {
        const auto labels = window.statusBar()->findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
            return label->text().startsWith(u"Local worker:"_s) && label->text().contains(text);
        });
    }

    QTemporaryDir m_configDir;
    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_MAIN(TestLocalWorker)
#include "tst_localworker.moc"
