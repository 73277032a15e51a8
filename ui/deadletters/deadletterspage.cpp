#include "deadletterspage.h"

#include "deadletters/deadlettersmodel.h"
#include "jobs/bulkactionrunner.h"
#include "store/storeclient.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <utility>

namespace QueueDesk {

DeadLettersPage::DeadLettersPage(StoreClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_runner(new BulkActionRunner(client, this))
    , m_model(new DeadLettersModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DeadLettersModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DeadLettersModel::ColTotal, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(DeadLettersModel::ColMessage, QHeaderView::Stretch);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setObjectName(u"deadLettersView"_s);

    auto *toolbar = new QToolBar(this);
    toolbar->addAction(tr("Refresh"), this, &DeadLettersPage::refresh);
    toolbar->addSeparator();
    m_requeueSelected = toolbar->addAction(tr("Requeue selected"), this, &DeadLettersPage::requeueSelected);
    m_requeueAll = toolbar->addAction(tr("Requeue all"), this, &DeadLettersPage::requeueAll);
    toolbar->addSeparator();
    m_purgeSelected = toolbar->addAction(tr("Purge selected…"), this, &DeadLettersPage::purgeSelected);
    m_purgeAll = toolbar->addAction(tr("Purge all…"), this, &DeadLettersPage::purgeAll);
    m_requeueSelected->setShortcut(tr("Ctrl+Shift+R"));
    m_purgeSelected->setShortcut(QKeySequence::Delete);
    m_purgeSelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);
    layout->addWidget(m_status);

    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu;
        menu.addActions({m_requeueSelected, m_purgeSelected});
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeadLettersPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeadLettersPage::updateActions);
    connect(m_runner, &BulkActionRunner::finished, this, &DeadLettersPage::finished);
    // The page knows the count and asks in its own words; requeues go ahead.
    m_runner->setConfirm([this](const QString &) {
        m_declined = m_purging && !confirmPurge();
        return !m_declined;
    });
    updateActions();
}

QString DeadLettersPage::statusText() const
{
    return m_status->text();
}

void DeadLettersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void DeadLettersPage::refresh()
{
    using Groups = Result<QList<DeadLetterGroup>>;
    m_client->run<Groups>(this, u"deadletters"_s, [](QSqlDatabase &db) { return DeadLetterStore(db).groups(); },
                          [this](const Groups &groups) {
                              if (!groups) {
                                  emit errorOccurred(groups.error().toString());
                                  return;
                              }
                              m_model->setGroups(groups.value());
                          });
}

DeadLetterSelection DeadLettersPage::selection(bool all) const
{
    DeadLetterSelection selection;
    selection.all = all;
    if (!all) {
        for (const QModelIndex &row : m_view->selectionModel()->selectedRows())
            selection.groups.append(m_model->groupAt(m_proxy->mapToSource(row).row()));
    }
    return selection;
}

void DeadLettersPage::act(const DeadLetterSelection &selection, bool purge)
{
    if ((!selection.all && selection.groups.isEmpty()) || m_runner->isRunning())
        return;
    // The ids are read first: an action touches exactly the jobs it counted,
    // never ones that failed after the operator confirmed.
    using Ids = Result<QList<qint64>>;
    m_client->run<Ids>(this, {}, [selection](QSqlDatabase &db) { return DeadLetterStore(db).ids(selection); },
                       [this, purge](const Ids &ids) {
                           if (!ids) {
                               emit errorOccurred(ids.error().toString());
                               return;
                           }
                           runAction(ids.value(), purge);
                       });
}

bool DeadLettersPage::confirmPurge()
{
    if (m_confirm)
        return m_confirm(m_count);
    const QString text = tr("Delete %Ln failed job(s) for good? This cannot be undone.", nullptr, int(m_count));
    return QMessageBox::question(this, tr("Purge dead letters"), text) == QMessageBox::Yes;
}

void DeadLettersPage::runAction(const QList<qint64> &ids, bool purge)
{
    if (m_runner->isRunning())
        return;
    m_purging = purge;
    m_count = ids.size();
    m_declined = false;
    m_status->setText(purge ? tr("Purging %n job(s)…", nullptr, int(ids.size()))
                            : tr("Requeueing %n job(s)…", nullptr, int(ids.size())));
    BulkActionRunner::Target target;
    target.ids = ids;
    // Jobs requeued by someone else meanwhile are no dead letters any more.
    target.states = {JobState::Failed};
    m_runner->start(purge ? BulkActionRunner::Action::Delete : BulkActionRunner::Action::Requeue, target);
    updateActions();
}

void DeadLettersPage::finished(const QString &summary, bool ok)
{
    m_status->setText(summary);
    updateActions();
    // Declined: nothing changed, and the operator's selection stays.
    if (std::exchange(m_declined, false))
        return;
    if (ok)
        emit actionFinished(summary);
    else
        emit errorOccurred(summary);
    refresh();
}

void DeadLettersPage::updateActions()
{
    // One action at a time: the runner refuses a second while one runs.
    const bool idle = !m_runner->isRunning();
    const bool selected = idle && m_view->selectionModel()->hasSelection();
    const bool any = idle && m_model->rowCount() > 0;
    m_requeueSelected->setEnabled(selected);
    m_purgeSelected->setEnabled(selected);
    m_requeueAll->setEnabled(any);
    m_purgeAll->setEnabled(any);
}

} // namespace QueueDesk
