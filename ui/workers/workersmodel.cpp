#include "workersmodel.h"

#include "util/durationtext.h"

namespace QueueDesk {

WorkersModel::WorkersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int WorkersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColHost: return tr("Host");
    case ColPid: return tr("PID");
    case ColQueues: return tr("Queues");
    case ColConcurrency: return tr("Concurrency");
    case ColActive: return tr("Active jobs");
    case ColHeartbeat: return tr("Heartbeat");
    case ColState: return tr("State", "worker state");
    case ColLeader: return tr("Leader");
    }
    return {};
}

QVariant WorkersModel::display(const WorkerInfo &w, int column) const
{
    switch (column) {
    case ColHost: return w.host;
    case ColPid: return w.pid;
    case ColQueues: return w.queues.join(u", "_s);
    case ColConcurrency: return w.concurrency;
    case ColActive: return w.activeJobs;
    case ColHeartbeat: return DurationText::ago(w.heartbeatAt, m_now);
    case ColState: return w.state;
    case ColLeader: return w.isLeader ? tr("leader") : QString();
    }
    return {};
}

QVariant WorkersModel::sortValue(const WorkerInfo &w, int column) const
{
    switch (column) {
    case ColHeartbeat: return w.heartbeatAt;
    case ColLeader: return w.isLeader;
    default: return display(w, column);
    }
}

QVariant WorkersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const WorkerInfo &w = m_rows.at(index.row());
    if (role == Qt::DisplayRole)
        return display(w, index.column());
    if (role == SortRole)
        return sortValue(w, index.column());
    if (role == Qt::ToolTipRole)
        return w.id;
    return {};
}

void WorkersModel::apply(const QList<WorkerInfo> &workers, const QDateTime &now)
{
    m_now = now;
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const QString id = m_rows.at(i).id;
        if (std::none_of(workers.cbegin(), workers.cend(), [&](const WorkerInfo &w) { return w.id == id; })) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (const WorkerInfo &w : workers) {
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const WorkerInfo &r) { return r.id == w.id; });
        if (it == m_rows.end()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(w);
            endInsertRows();
        } else {
            *it = w;
        }
    }
    // Heartbeat ages move every refresh: one signal for the whole table.
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace QueueDesk
