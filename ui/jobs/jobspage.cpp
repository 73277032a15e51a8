#include "jobspage.h"

#include "jobs/csvjsonexporter.h"
#include "jobs/jobclonedialog.h"
#include "jobs/jobdetaildialog.h"
#include "jobs/jobfilterbar.h"
#include "jobs/jobsmodel.h"
#include "jobs/storereply.h"
#include "queue/jobstore.h"
#include "queue/newjob.h"
#include "store/storeclient.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace QueueDesk {

JobsPage::JobsPage(StoreClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_filterBar(new JobFilterBar(this))
    , m_model(new JobsModel(client, this))
    , m_view(new QTableView(this))
    , m_count(new QLabel(this))
    , m_status(new QLabel(this))
    , m_runner(new BulkActionRunner(client, this))
{
    setObjectName(u"jobsPage"_s);
    m_view->setObjectName(u"jobsView"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_count->setObjectName(u"jobsCount"_s);
    m_status->setObjectName(u"jobsStatus"_s);
    m_status->setWordWrap(true);
    auto *toolbar = new QToolBar(this);
    buildActions();
    toolbar->addAction(m_refresh);
    toolbar->addAction(m_open);
    for (Action a : {Action::Retry, Action::Cancel, Action::Delete, Action::Requeue, Action::RunNow,
                     Action::SetPriority})
        toolbar->addAction(action(a, false));
    toolbar->addAction(m_clone);
    toolbar->addAction(m_export);
    auto *allButton = new QToolButton(this);
    allButton->setText(tr("All matching"));
    allButton->setMenu(m_allMenu);
    allButton->setPopupMode(QToolButton::InstantPopup);
    toolbar->addWidget(allButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_count);
    footer->addWidget(m_status, 1);
    layout->addLayout(footer);

    connect(m_filterBar, &JobFilterBar::queryChanged, m_model, &JobsModel::setQuery);
    connect(m_model, &JobsModel::countKnown, this, [this](qint64 count, bool exact) {
        m_count->setText((exact ? tr("%1 jobs") : tr("about %1 jobs")).arg(QLocale().toString(count)));
    });
    connect(m_model, &JobsModel::errorOccurred, this, [this](const QString &message) { showStatus(message, false); });
    connect(m_runner, &BulkActionRunner::finished, this, [this](const QString &summary, bool ok) {
        showStatus(summary, ok);
        m_model->reload();
        emit actionFinished(summary, ok);
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &JobsPage::showContextMenu);
    connect(m_view, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &index) { openDetail(m_model->job(index.row()).id); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &JobsPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &JobsPage::updateActions);
    // Reading before the store thread is connected would only fail: the
    // first page is asked for once it is, and again after a reconnect.
    connect(m_client, &StoreClient::connectionStateChanged, this, [this](StoreClient::ConnectionState state) {
        if (state == StoreClient::ConnectionState::Connected)
            loadFilter();
    });
    updateActions();
    if (m_client->connectionState() == StoreClient::ConnectionState::Connected)
        loadFilter();
}

void JobsPage::loadFilter()
{
    auto query = m_filterBar->query();
    m_model->setQuery(query ? query.value() : JobBrowserStore::Query());
}

QAction *JobsPage::addAction(Action a, bool allMatching, const QString &text, const QKeySequence &shortcut)
{
    auto *act = new QAction(allMatching ? tr("%1 all matching…").arg(text) : text, this);
    act->setShortcut(shortcut);
    act->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(act, &QAction::triggered, this, [this, a, allMatching] { askAndRun(a, allMatching); });
    QWidget::addAction(act);
    m_actions.insert((int(a) << 1) | int(allMatching), act);
    if (allMatching)
        m_allMenu->addAction(act);
    return act;
}

void JobsPage::buildActions()
{
    m_allMenu = new QMenu(tr("All matching the filter"), this);
    const QList<std::tuple<Action, QString, QKeySequence, QKeySequence>> actions{
        {Action::Retry, tr("Retry"), tr("Ctrl+R"), tr("Ctrl+Alt+R")},
        {Action::Cancel, tr("Cancel"), tr("Ctrl+K"), tr("Ctrl+Alt+K")},
        {Action::Delete, tr("Delete"), QKeySequence(QKeySequence::Delete), tr("Ctrl+Alt+Del")},
        {Action::Requeue, tr("Requeue"), tr("Ctrl+Shift+R"), tr("Ctrl+Alt+Shift+R")},
        {Action::RunNow, tr("Run now"), tr("Ctrl+G"), tr("Ctrl+Alt+G")},
        {Action::SetPriority, tr("Change priority…"), tr("Ctrl+P"), tr("Ctrl+Alt+P")}};
    for (const auto &[a, text, one, all] : actions) {
        addAction(a, false, text, one);
        addAction(a, true, text, all);
    }
    auto make = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *act = new QAction(text, this);
        act->setShortcut(key);
        act->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(act, &QAction::triggered, this, slot);
        QWidget::addAction(act);
        return act;
    };
    m_open = make(tr("Details"), QKeySequence(Qt::Key_Return), [this] {
        if (const QList<qint64> ids = selectedIds(); !ids.isEmpty())
            openDetail(ids.constFirst());
    });
    m_clone = make(tr("Clone with payload…"), tr("Ctrl+D"), [this] { cloneSelected(); });
    m_export = make(tr("Export selection…"), tr("Ctrl+E"), [this] { exportInteractive(false); });
    m_exportAll = make(tr("Export all matching…"), tr("Ctrl+Shift+E"), [this] { exportInteractive(true); });
    m_refresh = make(tr("Refresh"), QKeySequence(QKeySequence::Refresh), [this] { m_filterBar->apply(); });
    m_allMenu->addSeparator();
    m_allMenu->addAction(m_exportAll);
}

QAction *JobsPage::action(Action a, bool allMatching) const
{
    return m_actions.value((int(a) << 1) | int(allMatching));
}

QList<qint64> JobsPage::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        ids.append(m_model->job(index.row()).id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

void JobsPage::updateActions()
{
    const bool selected = m_view->selectionModel()->hasSelection();
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        if (!(it.key() & 1))
            it.value()->setEnabled(selected);
    }
    m_open->setEnabled(selected);
    m_clone->setEnabled(selected);
    m_export->setEnabled(selected);
}

void JobsPage::askAndRun(Action a, bool allMatching)
{
    if (a != Action::SetPriority) {
        runAction(a, allMatching);
        return;
    }
    bool ok = false;
    const int current = !allMatching && !selectedIds().isEmpty()
        ? m_model->job(m_view->selectionModel()->selectedRows().constFirst().row()).priority : 0;
    const int priority = QInputDialog::getInt(this, tr("Change priority"), tr("New priority (higher runs first):"),
                                              current, -1000000, 1000000, 1, &ok);
    if (ok)
        runAction(a, allMatching, priority);
}

void JobsPage::runAction(Action a, bool allMatching, int priority)
{
    BulkActionRunner::Target target;
    if (allMatching) {
        // The filter the table shows, not edits not yet applied.
        target.query = m_model->query();
    } else {
        target.ids = selectedIds();
        if (target.ids.isEmpty())
            return;
    }
    m_runner->start(a, target, priority);
}

Status JobsPage::cloneJob(qint64 id, const QString &payloadText)
{
    auto payload = NewJob::parsePayload(payloadText);
    if (!payload) {
        showStatus(payload.error().message, false);
        return payload.error();
    }
    m_client->run<StoreReply<qint64>>(
        this, {},
        [id, payload = payload.value()](QSqlDatabase &db) {
            JobStore store(db);
            auto original = store.job(id);
            if (!original)
                return StoreReply<qint64>{original.error()};
            NewJob job;
            job.queue = original->queue;
            job.type = original->type;
            job.store = original->store;
            job.priority = original->priority;
            job.maxAttempts = original->maxAttempts;
            job.payload = payload;
            job.createdBy = u"clone of %1"_s.arg(id);
            return StoreReply<qint64>{store.enqueue(job)};
        },
        [this, id](const StoreReply<qint64> &reply) {
            const QString summary = reply.result ? tr("Job %1 cloned as job %2.").arg(id).arg(reply.result.value())
                                                 : reply.result.error().message;
            showStatus(summary, reply.result.ok());
            if (reply.result)
                m_model->reload();
            emit actionFinished(summary, reply.result.ok());
        });
    return Status();
}

void JobsPage::cloneSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const Job &job = m_model->job(rows.constFirst().row());
    JobCloneDialog dialog(job.id, job.payload, this);
    if (dialog.exec() == QDialog::Accepted)
        (void)cloneJob(job.id, dialog.payloadText());
}

void JobsPage::exportTo(const QString &path, bool allMatching)
{
    JobBrowserStore::Query query = m_model->query();
    if (!allMatching) {
        if (selectedIds().isEmpty()) {
            showStatus(tr("Select the jobs to export first."), false);
            return;
        }
        query = {};
        query.filter.ids = selectedIds();
        query.descending = false;
    }
    const auto format = CsvJsonExporter::formatForFile(path);
    showStatus(tr("Exporting to %1…").arg(path), true);
    m_client->run<StoreReply<qint64>>(
        this, {},
        [query, path, format](QSqlDatabase &db) {
            return StoreReply<qint64>{CsvJsonExporter::exportJobs(db, query, path, format)};
        },
        [this, path](const StoreReply<qint64> &reply) {
            const QString summary = reply.result
                ? tr("%1 jobs exported to %2.").arg(QLocale().toString(reply.result.value()), path)
                : reply.result.error().message;
            showStatus(summary, reply.result.ok());
            emit exportFinished(summary, reply.result.ok());
        });
}

void JobsPage::exportInteractive(bool allMatching)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export jobs"), u"jobs.csv"_s,
                                                      tr("CSV (*.csv);;JSON lines (*.jsonl)"));
    if (!path.isEmpty())
        exportTo(path, allMatching);
}

void JobsPage::showContextMenu(const QPoint &pos)
{
    QMenu menu;
    menu.addAction(m_open);
    menu.addSeparator();
    for (Action a : {Action::Retry, Action::Cancel, Action::Delete, Action::Requeue, Action::RunNow,
                     Action::SetPriority})
        menu.addAction(action(a, false));
    menu.addAction(m_clone);
    menu.addAction(m_export);
    menu.addSeparator();
    menu.addMenu(m_allMenu);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

JobDetailDialog *JobsPage::openDetail(qint64 id)
{
    auto *dialog = new JobDetailDialog(m_client, id, this);
    dialog->show();
    return dialog;
}

void JobsPage::showStatus(const QString &text, bool ok)
{
    m_status->setStyleSheet(ok ? QString() : u"color: #b00020"_s);
    m_status->setText(text);
    if (!ok)
        emit errorOccurred(text);
}

QString JobsPage::countText() const
{
    return m_count->text();
}

QString JobsPage::statusText() const
{
    return m_status->text();
}

} // namespace QueueDesk
