#pragma once

#include "queue/deadletterstore.h"

#include <QAbstractTableModel>

namespace QueueDesk {

// Dead letter groups: type, error message and how many failed when.
class DeadLettersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLettersModel)

public:
    enum Column { ColType, ColMessage, ColLastHour, ColLastDay, ColLastWeek, ColTotal, ColLastFailed, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit DeadLettersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setGroups(const QList<DeadLetterGroup> &groups);
    const DeadLetterGroup &groupAt(int row) const { return m_groups.at(row); }
    qint64 totalFailed() const;

private:
    QVariant value(const DeadLetterGroup &group, int column) const;

    QList<DeadLetterGroup> m_groups;
};

} // namespace QueueDesk
