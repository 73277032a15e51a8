#include "queuespage.h"

#include "queue/queuestore.h"
#include "queueconfig/cleanqueuedialog.h"
#include "queueconfig/queueconfigdialog.h"
#include "queues/queuesmodel.h"
#include "store/refresher.h"
#include "store/storeclient.h"

#include <QHeaderView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace QueueDesk {

QueuesPage::QueuesPage(StoreClient *client, Refresher *refresher, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_refresher(refresher)
    , m_model(new QueuesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(QueuesModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(QueuesModel::ColName, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setObjectName(u"queuesView"_s);

    auto *toolbar = new QToolBar(this);
    m_pause = toolbar->addAction(tr("Pause"), this, [this] { setPaused(true); });
    m_resume = toolbar->addAction(tr("Resume"), this, [this] { setPaused(false); });
    m_pause->setObjectName(u"pauseQueue"_s);
    m_resume->setObjectName(u"resumeQueue"_s);
    m_pause->setShortcut(tr("Ctrl+P"));
    m_resume->setShortcut(tr("Ctrl+R"));
    m_edit = toolbar->addAction(tr("Edit…"), this, &QueuesPage::editQueue);
    m_clean = toolbar->addAction(tr("Clean…"), this, &QueuesPage::cleanQueue);
    m_edit->setObjectName(u"editQueue"_s);
    m_clean->setObjectName(u"cleanQueue"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);

    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu;
        menu.addAction(m_pause);
        menu.addAction(m_resume);
        menu.addSeparator();
        menu.addAction(m_edit);
        menu.addAction(m_clean);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QueuesPage::updateActions);
    connect(refresher, &Refresher::refreshed, this, &QueuesPage::apply);
    updateActions();
}

void QueuesPage::apply(const Snapshot &snapshot)
{
    m_model->apply(snapshot);
    updateActions();
}

QString QueuesPage::selectedQueue() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->queueAt(m_proxy->mapToSource(rows.first()).row());
}

void QueuesPage::setReadOnly(bool readOnly, const QString &why)
{
    m_readOnly = readOnly;
    for (QAction *action : {m_pause, m_resume, m_edit, m_clean})
        action->setToolTip(readOnly ? why : QString());
    updateActions();
}

void QueuesPage::updateActions()
{
    const QString queue = selectedQueue();
    const bool paused = m_model->isPaused(queue);
    m_pause->setEnabled(!m_readOnly && !queue.isEmpty() && !paused);
    m_resume->setEnabled(!m_readOnly && !queue.isEmpty() && paused);
    m_edit->setEnabled(!m_readOnly && !queue.isEmpty());
    m_clean->setEnabled(!m_readOnly && !queue.isEmpty());
}

void QueuesPage::editQueue()
{
    const QString queue = selectedQueue();
    if (queue.isEmpty() || m_readOnly)
        return;
    auto *dialog = new QueueConfigDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->loadQueue(queue);
    connect(dialog, &QueueConfigDialog::saved, m_refresher, &Refresher::refreshNow);
    dialog->open();
}

void QueuesPage::cleanQueue()
{
    const QString queue = selectedQueue();
    if (queue.isEmpty() || m_readOnly)
        return;
    auto *dialog = new CleanQueueDialog(m_client, queue, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CleanQueueDialog::cleaned, m_refresher, &Refresher::refreshNow);
    dialog->open();
}

void QueuesPage::setPaused(bool paused)
{
    const QString queue = selectedQueue();
    if (queue.isEmpty() || m_readOnly)
        return;
    m_client->run<Status>(this, {}, [queue, paused](QSqlDatabase &db) { return QueueStore(db).setPaused(queue, paused); },
                          [this](const Status &status) {
                              if (!status)
                                  emit errorOccurred(status.error().toString());
                              m_refresher->refreshNow();
                          });
}

} // namespace QueueDesk
