#include "deadlettersmodel.h"

#include <QLocale>

namespace QueueDesk {

DeadLettersModel::DeadLettersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int DeadLettersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int DeadLettersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLettersModel::value(const DeadLetterGroup &group, int column) const
{
    switch (column) {
    case ColType: return group.type;
    case ColMessage: return group.message;
    case ColLastHour: return group.lastHour;
    case ColLastDay: return group.lastDay;
    case ColLastWeek: return group.lastWeek;
    case ColTotal: return group.total;
    case ColLastFailed: return group.lastFailedAt;
    default: return {};
    }
}

QVariant DeadLettersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const DeadLetterGroup &group = m_groups.at(index.row());
    const QVariant v = value(group, index.column());
    if (role == SortRole)
        return v;
    if (role == Qt::ToolTipRole && index.column() == ColMessage)
        return group.message;
    if (role == Qt::TextAlignmentRole && index.column() >= ColLastHour && index.column() <= ColTotal)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == ColMessage && group.message.isEmpty())
        return tr("(no error recorded)");
    if (index.column() == ColLastFailed)
        return QLocale().toString(group.lastFailedAt.toLocalTime(), QLocale::ShortFormat);
    if (index.column() >= ColLastHour && index.column() <= ColTotal)
        return QLocale().toString(v.toLongLong());
    return v;
}

QVariant DeadLettersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColType: return tr("Type");
    case ColMessage: return tr("Error");
    case ColLastHour: return tr("Last hour");
    case ColLastDay: return tr("Last day");
    case ColLastWeek: return tr("Last week");
    case ColTotal: return tr("All");
    case ColLastFailed: return tr("Last failed");
    default: return {};
    }
}

void DeadLettersModel::setGroups(const QList<DeadLetterGroup> &groups)
{
    // Refreshed on demand and after actions only, so a reset is enough.
    beginResetModel();
    m_groups = groups;
    endResetModel();
}

qint64 DeadLettersModel::totalFailed() const
{
    qint64 total = 0;
    for (const DeadLetterGroup &group : m_groups)
        total += group.total;
    return total;
}

} // namespace QueueDesk
