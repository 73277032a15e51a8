#pragma once

#include "queue/schedule.h"

#include <QAbstractTableModel>

namespace QueueDesk {

// Every schedule: name, what it enqueues, its cron, zone and fire times.
class SchedulesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulesModel)

public:
    enum Column { ColName, ColQueue, ColType, ColCron, ColZone, ColEnabled, ColNextRun, ColLastRun, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit SchedulesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Rows are matched by name: changed rows update in place, so the
    // selection survives a refresh.
    void apply(const QList<Schedule> &schedules);
    const Schedule &scheduleAt(int row) const { return m_schedules.at(row); }
    int rowOf(const QString &name) const;

private:
    QVariant value(const Schedule &schedule, int column) const;
    static bool same(const Schedule &a, const Schedule &b);

    QList<Schedule> m_schedules;
};

} // namespace QueueDesk
