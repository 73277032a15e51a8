#include "deadletterspage.h"

#include "deadletters/deadlettersmodel.h"
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

namespace QueueDesk {

DeadLettersPage::DeadLettersPage(StoreClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
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
    using Groups = std::optional<Result<QList<DeadLetterGroup>>>;
    m_client->run<Groups>(this, u"deadletters"_s, [](QSqlDatabase &db) { return DeadLetterStore(db).groups(); },
                          [this](const Groups &reply) {
                              const auto &groups = *reply;
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
    if (!selection.all && selection.groups.isEmpty())
        return;
    // The ids are read first: a purge deletes exactly the jobs it counted,
    // never ones that failed after the operator confirmed.
    using Ids = std::optional<Result<QList<qint64>>>;
    m_client->run<Ids>(this, {}, [selection](QSqlDatabase &db) { return DeadLetterStore(db).ids(selection); },
                       [this, purge](const Ids &reply) {
                           const auto &ids = *reply;
                           if (!ids) {
                               emit errorOccurred(ids.error().toString());
                               return;
                           }
                           if (purge && !confirmPurge(ids->size()))
                               return;
                           runAction(ids.value(), purge);
                       });
}

bool DeadLettersPage::confirmPurge(qint64 count)
{
    if (m_confirm)
        return m_confirm(count);
    const QString text = tr("Delete %1 failed jobs for good? This cannot be undone.").arg(QLocale().toString(count));
    return QMessageBox::question(this, tr("Purge dead letters"), text) == QMessageBox::Yes;
}

void DeadLettersPage::runAction(const QList<qint64> &ids, bool purge)
{
    m_status->setText(purge ? tr("Purging %n job(s)…", nullptr, int(ids.size()))
                            : tr("Requeueing %n job(s)…", nullptr, int(ids.size())));
    using Outcome = std::optional<Result<BulkOutcome>>;
    m_client->run<Outcome>(this, {}, [ids, purge](QSqlDatabase &db) -> Outcome {
        DeadLetterStore store(db);
        return purge ? store.purge(ids) : store.requeue(ids);
    }, [this](const Outcome &reply) {
        const auto &outcome = *reply;
        if (!outcome) {
            m_status->setText(outcome.error().message);
            emit errorOccurred(outcome.error().toString());
        } else {
            m_status->setText(outcome->summary());
            emit actionFinished(outcome->summary());
        }
        refresh();
    });
}

void DeadLettersPage::updateActions()
{
    const bool selected = m_view->selectionModel()->hasSelection();
    const bool any = m_model->rowCount() > 0;
    m_requeueSelected->setEnabled(selected);
    m_purgeSelected->setEnabled(selected);
    m_requeueAll->setEnabled(any);
    m_purgeAll->setEnabled(any);
}

} // namespace QueueDesk
