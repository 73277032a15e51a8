#include "queuesmodel.h"

#include "util/durationtext.h"

#include <QLocale>

namespace QueueDesk {

namespace {

QString countText(const Count &count)
{
    const QString n = QLocale().toString(count.value);
    return count.estimated ? QueuesModel::tr("about %1").arg(n) : n;
}

} // namespace

bool QueuesModel::Row::operator==(const Row &o) const
{
    const QueueCounts &a = counts;
    const QueueCounts &b = o.counts;
    return a.queue == b.queue && a.paused == b.paused && a.delayed == b.delayed && a.retrying == b.retrying
           && a.waiting == b.waiting && a.waitingEstimated == b.waitingEstimated && a.active == b.active && a.completed.value == b.completed.value
           && a.failed.value == b.failed.value && perMinute == o.perMinute
           && timings.runtimeAvgMs == o.timings.runtimeAvgMs && timings.runtimeP95Ms == o.timings.runtimeP95Ms;
}

QueuesModel::QueuesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int QueuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColName: return tr("Queue");
    case ColWaiting: return tr("Waiting");
    case ColDelayed: return tr("Delayed");
    case ColActive: return tr("Active");
    case ColCompleted: return tr("Completed");
    case ColFailed: return tr("Failed");
    case ColPerMinute: return tr("Jobs/min");
    case ColRuntimeAvg: return tr("Avg runtime");
    case ColRuntimeP95: return tr("p95 runtime");
    case ColPaused: return tr("State", "queue paused or running");
    }
    return {};
}

QVariant QueuesModel::display(const Row &row, int column) const
{
    const QueueCounts &c = row.counts;
    switch (column) {
    case ColName: return c.queue;
    case ColWaiting: return countText({c.waiting, c.waitingEstimated});
    case ColDelayed: return QLocale().toString(c.scheduled());
    case ColActive: return QLocale().toString(c.active);
    case ColCompleted: return countText(c.completed);
    case ColFailed: return countText(c.failed);
    case ColPerMinute: return QLocale().toString(row.perMinute);
    case ColRuntimeAvg: return row.timings.jobs ? DurationText::ms(row.timings.runtimeAvgMs) : QString();
    case ColRuntimeP95: return row.timings.jobs ? DurationText::ms(row.timings.runtimeP95Ms) : QString();
    case ColPaused: return c.paused ? tr("Paused") : tr("Running");
    }
    return {};
}

QVariant QueuesModel::sortValue(const Row &row, int column) const
{
    const QueueCounts &c = row.counts;
    switch (column) {
    case ColName: return c.queue;
    case ColWaiting: return c.waiting;
    case ColDelayed: return c.scheduled();
    case ColActive: return c.active;
    case ColCompleted: return c.completed.value;
    case ColFailed: return c.failed.value;
    case ColPerMinute: return row.perMinute;
    case ColRuntimeAvg: return row.timings.runtimeAvgMs;
    case ColRuntimeP95: return row.timings.runtimeP95Ms;
    case ColPaused: return c.paused;
    }
    return {};
}

QVariant QueuesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case SortRole: return sortValue(row, index.column());
    case PausedRole: return row.counts.paused;
    case Qt::TextAlignmentRole:
        return index.column() == ColName || index.column() == ColPaused ? QVariant()
                                                                        : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

void QueuesModel::apply(const Snapshot &snapshot)
{
    QList<Row> fresh;
    for (const QueueCounts &c : snapshot.counts) {
        const QueueTimings *t = snapshot.timingsOf(c.queue);
        fresh.append(Row{c, snapshot.completedLastMinute(c.queue), t ? *t : QueueTimings{}});
    }
    // Remove rows that are gone (from the bottom, so indexes stay valid).
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const QString name = m_rows.at(i).counts.queue;
        if (std::none_of(fresh.cbegin(), fresh.cend(), [&](const Row &r) { return r.counts.queue == name; })) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (const Row &row : std::as_const(fresh)) {
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.counts.queue == row.counts.queue; });
        if (it == m_rows.end()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(row);
            endInsertRows();
        } else if (!(*it == row)) {
            *it = row;
            const int r = int(it - m_rows.begin());
            emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
        }
    }
}

QString QueuesModel::queueAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).counts.queue : QString();
}

bool QueuesModel::isPaused(const QString &queue) const
{
    for (const Row &row : m_rows) {
        if (row.counts.queue == queue)
            return row.counts.paused;
    }
    return false;
}

} // namespace QueueDesk
