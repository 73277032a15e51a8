#pragma once

#include "queue/workerstore.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace QueueDesk {

// Every engine registered on the database, applied as a diff by worker id.
class WorkersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkersModel)

public:
    enum Column { ColHost, ColPid, ColQueues, ColConcurrency, ColActive, ColHeartbeat, ColState, ColLeader, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit WorkersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void apply(const QList<WorkerInfo> &workers, const QDateTime &now);

private:
    QVariant display(const WorkerInfo &w, int column) const;
    QVariant sortValue(const WorkerInfo &w, int column) const;

    QList<WorkerInfo> m_rows;
    QDateTime m_now;
};

} // namespace QueueDesk
