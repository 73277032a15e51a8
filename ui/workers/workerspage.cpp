#include "workerspage.h"

#include "store/refresher.h"
#include "workers/workersmodel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace QueueDesk {

WorkersPage::WorkersPage(Refresher *refresher, QWidget *parent)
    : QWidget(parent)
    , m_model(new WorkersModel(this))
    , m_view(new QTableView(this))
{
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(WorkersModel::SortRole);
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(WorkersModel::ColHeartbeat, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(refresher, &Refresher::refreshed, this, [this](const Snapshot &snapshot) {
        m_model->apply(snapshot.workers, snapshot.takenAt);
    });
}

} // namespace QueueDesk
