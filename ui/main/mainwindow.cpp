#include "mainwindow.h"

#include "dashboard/dashboardpage.h"
#include "db/localcluster.h"
#include "db/migrator.h"
#include "deadletters/deadletterspage.h"
#include "local/closeguard.h"
#include "local/localenginecontroller.h"
#include "local/localworkerpage.h"
#include "newjob/newjobdialog.h"
#include "queueconfig/queueconfigdialog.h"
#include "queues/queuespage.h"
#include "schedules/schedulespage.h"
#include "store/refresher.h"
#include "workers/workerspage.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace QueueDesk {

namespace {

// Operator dialogs open non-modal and go when closed; a save refreshes.
void openDialog(QDialog *dialog, Refresher *refresher)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, refresher, &Refresher::refreshNow);
    dialog->open();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_client(new StoreClient(this))
    , m_refresher(new Refresher(m_client, this))
    , m_pages(new QTabWidget(this))
    , m_queuesPage(new QueuesPage(m_client, m_refresher, this))
    , m_workersPage(new WorkersPage(m_refresher, this))
    , m_banner(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_refreshLabel(new QLabel(this))
{
    setWindowTitle(tr("QueueDesk"));
    resize(1200, 760);
    m_banner->setObjectName(u"connectionBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(u"QLabel { background: #fde2e1; color: #7a1c16; padding: 6px; }"_s);
    m_banner->hide();

    m_pages->addTab(m_queuesPage, tr("Queues"));
    m_pages->addTab(m_workersPage, tr("Workers"));
    m_pages->addTab(new DeadLettersPage(m_client, this), tr("Dead letters"));
    m_pages->addTab(new SchedulesPage(m_client, this), tr("Schedules"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages);
    setCentralWidget(central);

    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_refreshLabel);
    m_connectionLabel->setText(tr("Not connected"));
    buildMenus();

    connect(m_client, &StoreClient::connectionStateChanged, this, &MainWindow::onConnectionState);
    connect(m_refresher, &Refresher::refreshed, this, &MainWindow::onRefreshed);
    connect(m_refresher, &Refresher::failed, this, [this](const Error &error) { showError(error.toString()); });
    connect(m_queuesPage, &QueuesPage::errorOccurred, this, &MainWindow::showError);
    installLocalWorker();
    addPage(new DashboardPage(m_client, m_refresher, this), tr("Dashboard"));
}

MainWindow::~MainWindow() = default;

void MainWindow::installLocalWorker()
{
    m_localPage = new LocalWorkerPage(m_refresher, this);
    m_pages->addTab(m_localPage, tr("Local worker"));
    m_closeGuard = new CloseGuard(m_localPage, this);
    m_engineLabel = new QLabel(m_localPage->controller()->statusText(), this);
    statusBar()->addPermanentWidget(m_engineLabel);
    connect(m_localPage->controller(), &LocalEngineController::statusTextChanged, m_engineLabel, &QLabel::setText);
    // The engine works on the console's own database, with its own connections.
    connect(m_client, &StoreClient::connectionStateChanged, this, [this](StoreClient::ConnectionState state) {
        if (state == StoreClient::ConnectionState::Connected)
            m_localPage->setConnection(m_client->settings());
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeGuard->allowClose())
        event->accept();
    else
        event->ignore();
}

void MainWindow::addPage(QWidget *page, const QString &title)
{
    m_pages->insertTab(0, page, title);
    m_pages->setCurrentIndex(0);
}

void MainWindow::buildMenus()
{
    QMenu *queue = menuBar()->addMenu(tr("&Queue"));
    queue->addAction(tr("New job…"), this, [this] { openDialog(new NewJobDialog(m_client, this), m_refresher); })
        ->setShortcut(QKeySequence::New);
    queue->addAction(tr("New queue…"), this, [this] { openDialog(new QueueConfigDialog(m_client, this), m_refresher); });
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("Refresh now"), m_refresher, &Refresher::refreshNow);
    refresh->setShortcut(QKeySequence::Refresh);
    QAction *pause = view->addAction(tr("Pause live refresh"));
    pause->setCheckable(true);
    connect(pause, &QAction::toggled, m_refresher, &Refresher::setPaused);
    QMenu *interval = view->addMenu(tr("Refresh interval"));
    auto *group = new QActionGroup(this);
    for (int seconds : {1, 2, 5, 10, 30}) {
        QAction *action = interval->addAction(tr("%n second(s)", nullptr, seconds));
        action->setCheckable(true);
        action->setChecked(seconds * 1000 == m_refresher->interval());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, seconds] { m_refresher->setInterval(seconds * 1000); });
    }
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
}

void MainWindow::openLocal(const QString &dataDir)
{
    m_connectionName = tr("Local");
    m_connectionLabel->setText(tr("Starting the local PostgreSQL…"));
    // initdb and pg_ctl take seconds: never on the GUI thread.
    auto *watcher = new QFutureWatcher<Result<ConnectionSettings>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const Result<ConnectionSettings> result = watcher->result();
        watcher->deleteLater();
        if (!result) {
            m_banner->setText(tr("The local PostgreSQL could not start: %1").arg(result.error().toString()));
            m_banner->show();
            m_connectionLabel->setText(tr("Local: not running"));
            return;
        }
        openServer(result.value(), tr("Local"), true);
    });
    watcher->setFuture(QtConcurrent::run([dataDir]() -> Result<ConnectionSettings> {
        LocalCluster cluster(dataDir);
        if (Status started = cluster.ensureStarted(); !started)
            return started.error();
        return cluster.connectionSettings();
    }));
}

void MainWindow::openServer(const ConnectionSettings &settings, const QString &name, bool migrate)
{
    m_connectionName = name;
    m_client->connectTo(settings);
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_client, &StoreClient::connectionStateChanged, this, [this, once, migrate](StoreClient::ConnectionState state) {
        if (state != StoreClient::ConnectionState::Connected)
            return;
        disconnect(*once);
        checkSchema(migrate);
    });
}

void MainWindow::checkSchema(bool migrate)
{
    struct Outcome { int current = 0; int latest = 0; Error error; };
    m_client->run<Outcome>(this, u"schema"_s, [migrate](QSqlDatabase &db) {
        Migrator migrator(db);
        auto state = migrator.state();
        if (!state)
            return Outcome{0, 0, state.error()};
        if (state->needsMigration() && migrate) {
            if (auto applied = migrator.migrate(); !applied)
                return Outcome{state->current, state->latest, applied.error()};
            state = migrator.state();
        }
        return Outcome{state->current, state->latest, {}};
    }, [this](const Outcome &outcome) {
        if (outcome.error.isError()) {
            m_banner->setText(outcome.error.toString());
            m_banner->show();
        } else if (outcome.current > outcome.latest) {
            m_banner->setText(tr("This database was set up by a newer QueueDesk (schema %1, this app knows %2): "
                                 "it is shown read-only.").arg(outcome.current).arg(outcome.latest));
            m_banner->show();
            m_queuesPage->setReadOnly(true, tr("The schema is newer than this app."));
        } else if (outcome.current < outcome.latest) {
            m_banner->setText(tr("The QueueDesk schema is missing or old in this database (version %1 of %2).")
                                  .arg(outcome.current).arg(outcome.latest));
            m_banner->show();
        }
        emit schemaChecked(outcome.current, outcome.latest);
        m_refresher->refreshNow();
    });
}

void MainWindow::onConnectionState(StoreClient::ConnectionState state, const Error &error)
{
    const QString where = m_client->settings().displayName();
    switch (state) {
    case StoreClient::ConnectionState::Connected:
        m_banner->hide();
        m_connectionLabel->setText(tr("%1: connected to %2").arg(m_connectionName, where));
        break;
    case StoreClient::ConnectionState::Connecting:
        m_connectionLabel->setText(tr("%1: connecting to %2…").arg(m_connectionName, where));
        break;
    case StoreClient::ConnectionState::Lost:
        m_banner->setText(tr("Connection lost: %1 Reconnecting…").arg(error.message));
        m_banner->setToolTip(error.detail);
        m_banner->show();
        m_connectionLabel->setText(tr("%1: disconnected").arg(m_connectionName));
        break;
    case StoreClient::ConnectionState::Disconnected:
        m_connectionLabel->setText(tr("Not connected"));
        break;
    }
}

void MainWindow::onRefreshed(const Snapshot &snapshot, qint64 roundTripMs)
{
    m_refreshLabel->setText(tr("Refreshed %1 (SQL %2 ms, round trip %3 ms)")
                                .arg(snapshot.takenAt.time().toString(u"HH:mm:ss"_s))
                                .arg(snapshot.sqlMs)
                                .arg(roundTripMs));
}

} // namespace QueueDesk
