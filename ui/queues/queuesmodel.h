#pragma once

#include "store/snapshot.h"

#include <QAbstractTableModel>

namespace QueueDesk {

// One row per queue. Each refresh is applied as a diff (rows inserted,
// removed, changed in place), so selection and scroll survive it.
class QueuesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuesModel)

public:
    enum Column {
        ColName,
        ColWaiting,
        ColDelayed,
        ColActive,
        ColCompleted,
        ColFailed,
        ColPerMinute,
        ColRuntimeAvg,
        ColRuntimeP95,
        ColPaused,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, PausedRole };

    explicit QueuesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void apply(const Snapshot &snapshot);
    QString queueAt(int row) const;
    bool isPaused(const QString &queue) const;

private:
    struct Row
    {
        QueueCounts counts;
        qint64 perMinute = 0;
        QueueTimings timings;
        bool operator==(const Row &other) const;
    };

    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    QList<Row> m_rows;
};

} // namespace QueueDesk
