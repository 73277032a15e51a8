#include "schedulesmodel.h"

#include "engine/cron/cronexpression.h"

#include <QLocale>
#include <QTimeZone>

namespace QueueDesk {

SchedulesModel::SchedulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int SchedulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_schedules.size());
}

int SchedulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SchedulesModel::value(const Schedule &s, int column) const
{
    switch (column) {
    case ColName: return s.name;
    case ColQueue: return s.queue;
    case ColType: return s.type;
    case ColCron: return s.cron;
    case ColZone: return s.timezone;
    case ColEnabled: return s.enabled;
    case ColNextRun: return s.nextRunAt;
    case ColLastRun: return s.lastRunAt;
    default: return {};
    }
}

QVariant SchedulesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Schedule &s = m_schedules.at(index.row());
    const QVariant v = value(s, index.column());
    if (role == SortRole)
        return v;
    if (role == Qt::ToolTipRole && index.column() == ColCron) {
        const auto cron = CronExpression::parse(s.cron);
        return cron ? cron->describe() : cron.error().message;
    }
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == ColEnabled)
        return s.enabled ? tr("yes") : tr("no");
    if (index.column() == ColNextRun || index.column() == ColLastRun) {
        const QDateTime at = v.toDateTime();
        if (!at.isValid())
            return index.column() == ColNextRun ? tr("—") : tr("never");
        // In the schedule's own zone: that is the zone its cron speaks.
        const QTimeZone zone(s.timezone.toUtf8());
        return at.toTimeZone(zone.isValid() ? zone : QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm t"_s);
    }
    return v;
}

QVariant SchedulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColName: return tr("Name");
    case ColQueue: return tr("Queue");
    case ColType: return tr("Type");
    case ColCron: return tr("Cron");
    case ColZone: return tr("Time zone");
    case ColEnabled: return tr("Enabled");
    case ColNextRun: return tr("Next run");
    case ColLastRun: return tr("Last run");
    default: return {};
    }
}

int SchedulesModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_schedules.size(); ++row) {
        if (m_schedules.at(row).name == name)
            return row;
    }
    return -1;
}

bool SchedulesModel::same(const Schedule &a, const Schedule &b)
{
    return a.queue == b.queue && a.type == b.type && a.cron == b.cron && a.timezone == b.timezone
           && a.enabled == b.enabled && a.nextRunAt == b.nextRunAt && a.lastRunAt == b.lastRunAt;
}

void SchedulesModel::apply(const QList<Schedule> &schedules)
{
    QHash<QString, const Schedule *> fresh;
    for (const Schedule &s : schedules)
        fresh.insert(s.name, &s);
    for (int row = int(m_schedules.size()) - 1; row >= 0; --row) {
        if (fresh.contains(m_schedules.at(row).name))
            continue;
        beginRemoveRows({}, row, row);
        m_schedules.removeAt(row);
        endRemoveRows();
    }
    for (const Schedule &s : schedules) {
        const int row = rowOf(s.name);
        if (row < 0) {
            beginInsertRows({}, int(m_schedules.size()), int(m_schedules.size()));
            m_schedules.append(s);
            endInsertRows();
        } else {
            const bool changed = !same(m_schedules.at(row), s);
            m_schedules[row] = s;   // payload, priority ... too, for the editor
            if (changed)
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

} // namespace QueueDesk
