#include "mainwindow.h"

#include "connection/connectionerrortext.h"
#include "connection/connectionflow.h"
#include "connection/permissionprobe.h"
#include "connection/profilestore.h"
#include "connection/schemabanner.h"
#include "dashboard/dashboardpage.h"
#include "db/localcluster.h"
#include "db/migrator.h"
#include "deadletters/deadletterspage.h"
#include "jobs/jobspage.h"
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
    m_schemaBanner = new SchemaBanner(this);
    m_probe = new PermissionProbe(m_client, this);
    m_flow = new ConnectionFlow(this);

    m_pages->addTab(m_queuesPage, tr("Queues"));
    m_pages->addTab(m_workersPage, tr("Workers"));
    m_pages->addTab(new JobsPage(m_client, this), tr("Jobs"));
    m_pages->addTab(new DeadLettersPage(m_client, this), tr("Dead letters"));
    m_pages->addTab(new SchedulesPage(m_client, this), tr("Schedules"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_schemaBanner);
    layout->addWidget(m_pages);
    setCentralWidget(central);

    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_refreshLabel);
    m_connectionLabel->setText(tr("Not connected"));
    buildMenus();

    connect(m_client, &StoreClient::connectionStateChanged, this, &MainWindow::onConnectionState);
    connect(m_refresher, &Refresher::refreshed, this, &MainWindow::onRefreshed);
    connect(m_refresher, &Refresher::failed, this, [this](const Error &error) {
        if (!m_disconnected)
            showError(error.toString());
    });
    connect(m_queuesPage, &QueuesPage::errorOccurred, this, &MainWindow::showError);
    connect(m_schemaBanner, &SchemaBanner::createRequested, this, &MainWindow::createSchema);
    connect(m_probe, &PermissionProbe::probed, this, &MainWindow::applyAccess);
    connect(m_probe, &PermissionProbe::failed, this, [this](const Error &error) { showError(error.toString()); });
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

void MainWindow::buildFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect…"), m_flow, [this] { m_flow->showDialog(); });
    connectAction->setShortcut(QKeySequence::Open);
    QMenu *profiles = file->addMenu(tr("&Profiles"));
    // Rebuilt each time it opens, so it always shows the saved profiles.
    connect(profiles, &QMenu::aboutToShow, this, [this, profiles] {
        profiles->clear();
        for (const ConnectionProfile &profile : m_flow->profiles()->profiles()) {
            QAction *action = profiles->addAction(profile.name, m_flow, [this, profile] { m_flow->connectTo(profile); });
            action->setToolTip(profile.isLocal() ? tr("QueueDesk's own PostgreSQL") : profile.settings({}).displayName());
        }
        if (profiles->isEmpty())
            profiles->addAction(tr("No saved profiles"))->setEnabled(false);
    });
    file->addAction(tr("&Disconnect"), this, &MainWindow::disconnectFromDatabase);
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);
}

void MainWindow::buildMenus()
{
    buildFileMenu();
    QMenu *queue = menuBar()->addMenu(tr("&Queue"));
    m_newJobAction = queue->addAction(tr("New job…"), this,
                                      [this] { openDialog(new NewJobDialog(m_client, this), m_refresher); });
    m_newJobAction->setShortcut(QKeySequence::New);
    m_newQueueAction = queue->addAction(tr("New queue…"), this,
                                        [this] { openDialog(new QueueConfigDialog(m_client, this), m_refresher); });
    queue->setToolTipsVisible(true);   // a disabled action says why
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

void MainWindow::openServer(const ConnectionSettings &settings, const QString &name, bool migrate,
                            bool readOnlyProfile)
{
    m_connectionName = name;
    m_localPage->setProfileName(name);   // its remembered queues are per profile
    m_profileReadOnly = readOnlyProfile;
    m_disconnected = false;
    m_wasConnected = false;
    m_schemaCurrent = m_schemaLatest = 0;
    m_schemaBanner->hide();
    m_probe->reset();
    applyAccess();
    m_client->connectTo(settings);
    // One schema check per open; an earlier open that never connected
    // must not check again.
    disconnect(m_schemaOnConnect);
    m_schemaOnConnect = connect(m_client, &StoreClient::connectionStateChanged, this,
                                [this, migrate](StoreClient::ConnectionState state) {
        if (state != StoreClient::ConnectionState::Connected)
            return;
        disconnect(m_schemaOnConnect);
        checkSchema(migrate);
    });
}

void MainWindow::createSchema()
{
    m_schemaBanner->setBusy(true);
    checkSchema(true);
}

void MainWindow::disconnectFromDatabase()
{
    m_disconnected = true;
    disconnect(m_schemaOnConnect);
    m_client->disconnectFromServer();
    m_banner->hide();
    m_schemaBanner->hide();
    m_probe->reset();
    m_connectionLabel->setText(tr("Not connected"));
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
        m_schemaCurrent = outcome.current;
        m_schemaLatest = outcome.latest;
        m_schemaBanner->hide();
        if (outcome.error.isError()) {
            m_banner->setText(ConnectionErrorText::describe(outcome.error, m_client->settings()));
            m_banner->setToolTip(outcome.error.detail);
            m_banner->show();
        } else if (outcome.current > outcome.latest) {
            m_banner->setText(ConnectionErrorText::schemaTooNew(outcome.current, outcome.latest));
            m_banner->show();
        }
        emit schemaChecked(outcome.current, outcome.latest);
        // Its answer decides the schema banner's button and which actions are on.
        m_probe->probe();
        m_refresher->refreshNow();
    });
}

void MainWindow::applyAccess()
{
    const RolePermissions &permissions = m_probe->permissions();
    const bool probed = m_probe->hasResult();
    const QString profileWhy = tr("This connection profile is marked read-only.");
    if (probed && m_schemaCurrent < m_schemaLatest) {
        const QString text = m_schemaCurrent == 0
                                 ? ConnectionErrorText::schemaMissing()
                                 : tr("The QueueDesk schema in this database is older than this app (version %1 of "
                                      "%2): upgrade it to continue.").arg(m_schemaCurrent).arg(m_schemaLatest);
        m_schemaBanner->showProblem(text, m_profileReadOnly ? profileWhy : PermissionProbe::migrateDenied(permissions));
    }
    // Everything is off on a read-only profile or a newer schema; otherwise
    // each action asks for the privilege it needs.
    m_readOnlyWhy = m_profileReadOnly ? profileWhy
                    : m_schemaCurrent > m_schemaLatest ? tr("The schema is newer than this app: it is shown read-only.")
                                                        : QString();
    auto reason = [&](QString (*denied)(const RolePermissions &)) {
        return !m_readOnlyWhy.isEmpty() ? m_readOnlyWhy : probed ? denied(permissions) : QString();
    };
    const QString pauseWhy = reason(&PermissionProbe::pauseDenied);
    m_queuesPage->setReadOnly(!pauseWhy.isEmpty(), pauseWhy);
    for (auto [action, why] : {std::pair{m_newJobAction, reason(&PermissionProbe::enqueueDenied)},
                               std::pair{m_newQueueAction, reason(&PermissionProbe::createQueueDenied)}}) {
        action->setEnabled(why.isEmpty());
        action->setToolTip(why);
    }
    emit accessChanged(m_readOnlyWhy, permissions);
}

void MainWindow::onConnectionState(StoreClient::ConnectionState state, const Error &error)
{
    const QString where = m_client->settings().displayName();
    switch (state) {
    case StoreClient::ConnectionState::Connected:
        m_wasConnected = true;
        m_banner->hide();
        m_connectionLabel->setText(tr("%1: connected to %2").arg(m_connectionName, where));
        break;
    case StoreClient::ConnectionState::Connecting:
        m_connectionLabel->setText(tr("%1: connecting to %2…").arg(m_connectionName, where));
        break;
    case StoreClient::ConnectionState::Lost:
        m_banner->setText(lostText(error));
        m_banner->setToolTip(error.detail);
        m_banner->show();
        m_connectionLabel->setText(tr("%1: disconnected").arg(m_connectionName));
        break;
    case StoreClient::ConnectionState::Disconnected:
        m_connectionLabel->setText(tr("Not connected"));
        break;
    }
}

QString MainWindow::lostText(const Error &error) const
{
    const QString text = ConnectionErrorText::describe(error, m_client->settings());
    if (m_wasConnected)
        return tr("Connection lost: %1 Reconnecting…").arg(text);
    if (ConnectionErrorText::isPermanent(ConnectionErrorText::classify(error)))
        return tr("Could not connect: %1").arg(text);
    return tr("Could not connect: %1 Trying again…").arg(text);
}

void MainWindow::onRefreshed(const Snapshot &snapshot, qint64 roundTripMs)
{
    m_refreshLabel->setText(tr("Refreshed %1 (SQL %2 ms, round trip %3 ms)")
                                .arg(snapshot.takenAt.time().toString(u"HH:mm:ss"_s))
                                .arg(snapshot.sqlMs)
                                .arg(roundTripMs));
}

} // namespace QueueDesk
