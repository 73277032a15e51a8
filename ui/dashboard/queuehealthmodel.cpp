#include "queuehealthmodel.h"

#include "util/durationtext.h"

#include <QBrush>
#include <QColor>

namespace QueueDesk {

namespace {

QString stateText(const std::optional<QueueHealth> &health)
{
    if (!health)
        return QueueHealthModel::tr("not checked", "queue health");
    switch (health->state) {
    case HealthState::Healthy: return QueueHealthModel::tr("healthy", "queue health");
    case HealthState::Warning: return QueueHealthModel::tr("warning", "queue health");
    case HealthState::Error: return QueueHealthModel::tr("error", "queue health");
    }
    return {};
}

bool sameHealth(const QueueHealth &a, const QueueHealth &b)
{
    if (a.state != b.state || a.since != b.since || a.reasons.size() != b.reasons.size())
        return false;
    for (int i = 0; i < a.reasons.size(); ++i) {
        if (a.reasons.at(i).message != b.reasons.at(i).message || a.reasons.at(i).level != b.reasons.at(i).level)
            return false;
    }
    return true;
}

} // namespace

bool QueueHealthModel::Row::operator==(const Row &o) const
{
    if (queue != o.queue || health.has_value() != o.health.has_value())
        return false;
    return !health || sameHealth(*health, *o.health);
}

QueueHealthModel::QueueHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentDateTime())
{
}

int QueueHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColQueue: return tr("Queue");
    case ColState: return tr("Health");
    case ColSince: return tr("Since");
    case ColReasons: return tr("Reasons");
    }
    return {};
}

QString QueueHealthModel::reasonsText(const Row &row)
{
    if (!row.health)
        return tr("The scheduler leader has not judged this queue yet (no engine running?).");
    QStringList lines;
    for (const HealthReason &reason : row.health->reasons)
        lines.append(reason.message);
    return lines.join(u"; "_s);
}

QVariant QueueHealthModel::display(const Row &row, int column) const
{
    switch (column) {
    case ColQueue: return row.queue;
    case ColState: return stateText(row.health);
    case ColSince: return row.health ? DurationText::ago(row.health->since, m_now) : QString();
    case ColReasons: return reasonsText(row);
    }
    return {};
}

QVariant QueueHealthModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case ColQueue: return row.queue;
    case ColState: return row.health ? int(row.health->state) : -1;
    case ColSince: return row.health ? row.health->since : QDateTime();
    case ColReasons: return reasonsText(row);
    }
    return {};
}

QVariant QueueHealthModel::colour(const Row &row, int role) const
{
    if (!row.health || row.health->state == HealthState::Healthy)
        return {};
    const bool error = row.health->state == HealthState::Error;
    if (role == Qt::BackgroundRole)
        return QBrush(error ? QColor(0xfd, 0xe2, 0xe1) : QColor(0xfe, 0xf3, 0xc7));
    return QBrush(error ? QColor(0x7a, 0x1c, 0x16) : QColor(0x78, 0x35, 0x0f));
}

QVariant QueueHealthModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::ToolTipRole: return index.column() == ColReasons ? reasonsText(row) : QVariant();
    case SortRole: return sortValue(row, index.column());
    case Qt::BackgroundRole:
    case Qt::ForegroundRole: return index.column() == ColState ? colour(row, role) : QVariant();
    }
    return {};
}

void QueueHealthModel::apply(const Snapshot &snapshot)
{
    QList<Row> fresh;
    for (const QueueCounts &c : snapshot.counts) {
        Row row{c.queue, std::nullopt};
        for (const QueueHealth &h : snapshot.health) {
            if (h.queue == c.queue)
                row.health = h;
        }
        fresh.append(row);
    }
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const QString queue = m_rows.at(i).queue;
        if (std::none_of(fresh.cbegin(), fresh.cend(), [&](const Row &r) { return r.queue == queue; })) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (const Row &row : std::as_const(fresh)) {
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.queue == row.queue; });
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
    // "Since" moves with the clock even when nothing else changed.
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ColSince), index(int(m_rows.size()) - 1, ColSince), {Qt::DisplayRole});
}

const QueueHealthModel::Row *QueueHealthModel::find(const QString &queue) const
{
    for (const Row &row : m_rows) {
        if (row.queue == queue)
            return &row;
    }
    return nullptr;
}

QString QueueHealthModel::queueAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).queue : QString();
}

std::optional<HealthState> QueueHealthModel::stateOf(const QString &queue) const
{
    const Row *row = find(queue);
    if (!row || !row->health)
        return std::nullopt;
    return row->health->state;
}

QString QueueHealthModel::reasonsOf(const QString &queue) const
{
    const Row *row = find(queue);
    return row ? reasonsText(*row) : QString();
}

} // namespace QueueDesk
