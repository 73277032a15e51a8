#include "localworkerpage.h"

#include "local/handleroptionsbox.h"
#include "local/localenginecontroller.h"
#include "local/localworkersettings.h"
#include "local/progressbardelegate.h"
#include "local/queuechooser.h"
#include "local/runningjobsmodel.h"
#include "store/refresher.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace QueueDesk {

namespace {
constexpr int progressIntervalMs = 200;
constexpr int defaultDrainSeconds = 30;
}

LocalWorkerPage::LocalWorkerPage(Refresher *refresher, QWidget *parent)
    : QWidget(parent)
    , m_controller(new LocalEngineController(this))
    , m_model(new RunningJobsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_queues(new QueueChooser(this))
    , m_handlers(new HandlerOptionsBox(this))
    , m_drainSeconds(new QSpinBox(this))
    , m_state(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_message(new QLabel(this))
{
    auto *toolbar = new QToolBar(this);
    m_start = toolbar->addAction(tr("Start local worker"), this, &LocalWorkerPage::startEngine);
    m_stop = toolbar->addAction(tr("Stop"), this, &LocalWorkerPage::stopEngine);
    m_cancel = toolbar->addAction(tr("Cancel job"), this, &LocalWorkerPage::cancelSelectedJob);
    m_start->setObjectName(u"startLocalWorker"_s);
    m_stop->setObjectName(u"stopLocalWorker"_s);
    m_cancel->setObjectName(u"cancelLocalJob"_s);
    m_stop->setToolTip(tr("Stop taking jobs; running jobs get the drain time to finish, the rest go back to waiting"));
    m_cancel->setToolTip(tr("Cancel the selected running job: it ends as cancelled"));
    toolbar->addSeparator();
    toolbar->addWidget(m_state);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"QLabel { color: #7a1c16; }"_s);
    m_message->hide();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildSettings());
    splitter->addWidget(buildJobs());
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    wireController();
    connect(refresher, &Refresher::refreshed, this, &LocalWorkerPage::apply);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LocalWorkerPage::updateActions);
    // A selected row that finishes leaves the selection empty.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LocalWorkerPage::updateActions);
    restoreSettings(QString());
    updateActions();
    updateTotals();
}

QWidget *LocalWorkerPage::buildSettings()
{
    auto *panel = new QWidget(this);
    auto *queuesBox = new QGroupBox(tr("Queues"), panel);
    auto *queuesLayout = new QVBoxLayout(queuesBox);
    queuesLayout->addWidget(m_queues);
    m_drainSeconds->setObjectName(u"drainSeconds"_s);
    m_drainSeconds->setRange(0, 3600);
    m_drainSeconds->setValue(defaultDrainSeconds);
    m_drainSeconds->setSuffix(tr(" s"));
    auto *form = new QFormLayout;
    form->addRow(tr("On stop, let running jobs finish for"), m_drainSeconds);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(queuesBox, 1);
    layout->addWidget(m_handlers);
    layout->addLayout(form);
    return panel;
}

QWidget *LocalWorkerPage::buildJobs()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunningJobsModel::SortRole);
    m_view->setObjectName(u"runningJobsView"_s);
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(RunningJobsModel::ColProgress,
                                     new ProgressBarDelegate(RunningJobsModel::PercentRole, m_view));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunningJobsModel::ColStarted, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(RunningJobsModel::ColProgress, 140);
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);
    return panel;
}

void LocalWorkerPage::wireController()
{
    connect(m_controller, &LocalEngineController::started, m_model, &RunningJobsModel::clear);
    connect(m_controller, &LocalEngineController::jobStarted, m_model,
            [this](qint64 id, const QString &queue, const QString &type) { m_model->jobStarted(id, queue, type); });
    connect(m_controller, &LocalEngineController::jobProgress, m_model, &RunningJobsModel::jobProgress);
    connect(m_controller, &LocalEngineController::jobFinished, m_model,
            [this](qint64 id) { m_model->jobFinished(id); });
    connect(m_controller, &LocalEngineController::stopped, m_model, &RunningJobsModel::clear);
    connect(m_controller, &LocalEngineController::stateChanged, this, &LocalWorkerPage::updateActions);
    connect(m_controller, &LocalEngineController::statusTextChanged, this, &LocalWorkerPage::updateTotals);
}

void LocalWorkerPage::setConnection(const ConnectionSettings &settings)
{
    m_controller->setConnection(settings);
    updateActions();
}

void LocalWorkerPage::setProfileName(const QString &name)
{
    if (name == m_profile)
        return;
    m_profile = name;
    // A running engine keeps the settings it was started with, and so does
    // the page. A profile never started here begins afresh: another server's
    // queues are not worked on because they share a name with this one's.
    if (!m_controller->isActive() && !restoreSettings(name))
        resetSettings();
}

void LocalWorkerPage::resetSettings()
{
    m_queues->resetChoice();
    m_handlers->setSettings(HandlerSettings());
    m_drainSeconds->setValue(defaultDrainSeconds);
}

bool LocalWorkerPage::restoreSettings(const QString &profile)
{
    const auto saved = LocalWorkerSettings::load(profile);
    if (!saved)
        return false;
    m_queues->setChoice(saved->queues);
    HandlerSettings handlers;
    handlers.commandEnabled = saved->commandEnabled;
    handlers.commandAllowList = saved->commandAllowList;
    handlers.sqlEnabled = saved->sqlEnabled;
    m_handlers->setSettings(handlers);
    m_drainSeconds->setValue(saved->drainSeconds);
    return true;
}

void LocalWorkerPage::saveSettings() const
{
    const HandlerSettings handlers = m_handlers->settings();
    LocalWorkerSettings settings;
    settings.queues = m_queues->chosen();
    settings.commandEnabled = handlers.commandEnabled;
    settings.commandAllowList = handlers.commandAllowList;
    settings.sqlEnabled = handlers.sqlEnabled;
    settings.drainSeconds = m_drainSeconds->value();
    settings.save(m_profile);
}

void LocalWorkerPage::apply(const Snapshot &snapshot)
{
    QStringList names;
    for (const QueueCounts &counts : snapshot.counts)
        names << counts.queue;
    m_queues->addQueues(names);
}

int LocalWorkerPage::drainTimeoutMs() const
{
    return m_drainSeconds->value() * 1000;
}

void LocalWorkerPage::startEngine()
{
    EngineSettings settings;
    settings.queues = m_queues->chosen();
    settings.version = QCoreApplication::applicationVersion();
    // Progress bars move every fifth of a second; a desktop worker runs few
    // jobs at once, so the extra progress writes cost little.
    settings.progressIntervalMs = progressIntervalMs;
    const Status started = m_controller->start(settings, m_handlers->settings());
    if (started)
        saveSettings();
    m_message->setText(started ? QString() : started.error().toString());
    m_message->setVisible(!started);
    updateActions();
}

void LocalWorkerPage::stopEngine()
{
    m_controller->stop(drainTimeoutMs());
}

qint64 LocalWorkerPage::selectedJob() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->jobIdAt(m_proxy->mapToSource(rows.first()).row());
}

void LocalWorkerPage::cancelSelectedJob()
{
    if (const qint64 id = selectedJob())
        m_controller->cancelJob(id);
}

void LocalWorkerPage::updateActions()
{
    const bool active = m_controller->isActive();
    const bool draining = m_controller->state() == LocalEngineController::State::Draining;
    m_start->setEnabled(!active && m_controller->hasConnection());
    m_start->setToolTip(m_controller->hasConnection() ? tr("Take jobs from the chosen queues in this app")
                                                      : tr("Connect to a database first"));
    m_stop->setEnabled(active && !draining);
    m_cancel->setEnabled(active && selectedJob() != 0);
    // The settings apply at start: changing them while running would mislead.
    m_queues->setEnabled(!active);
    m_handlers->setEnabled(!active);
    m_state->setText(m_controller->statusText());
    m_state->setToolTip(m_controller->stateDetail());
}

void LocalWorkerPage::updateTotals()
{
    m_state->setText(m_controller->statusText());
    m_totals->setText(tr("Since start: %1 completed · %2 failed · %3 retrying · %4 cancelled · %5 given back")
                          .arg(m_controller->finishedCount(u"completed"_s))
                          .arg(m_controller->finishedCount(u"failed"_s))
                          .arg(m_controller->finishedCount(u"retrying"_s))
                          .arg(m_controller->finishedCount(u"cancelled"_s))
                          .arg(m_controller->finishedCount(u"released"_s)));
}

} // namespace QueueDesk
