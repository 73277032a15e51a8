#pragma once

#include "queue/queuehealth.h"
#include "store/snapshot.h"

#include <QAbstractTableModel>

#include <optional>

namespace QueueDesk {

// The health of each queue with its reasons (queuedesk.queue_health, as
// the scheduler leader's rules last judged it). A queue the rules have not
// looked at yet is listed as "not checked". Applied as a diff.
class QueueHealthModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueHealthModel)

public:
    enum Column { ColQueue, ColState, ColSince, ColReasons, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit QueueHealthModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void apply(const Snapshot &snapshot);
    // Relative times ("since 3 min") are measured from here.
    void setNow(const QDateTime &now) { m_now = now; }

    QString queueAt(int row) const;
    std::optional<HealthState> stateOf(const QString &queue) const;
    QString reasonsOf(const QString &queue) const;

private:
    struct Row
    {
        QString queue;
        std::optional<QueueHealth> health;
        bool operator==(const Row &other) const;
    };

    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    QVariant colour(const Row &row, int role) const;
    static QString reasonsText(const Row &row);
    const Row *find(const QString &queue) const;

    QList<Row> m_rows;
    QDateTime m_now;
};

} // namespace QueueDesk
