#pragma once

#include "queue/queuestats.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

namespace QueueDesk {

// Waiting and active jobs of one queue per store: the busiest stores, then
// the rest as "others". Stacked horizontal bars, busiest on top.
class StoreLoadChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreLoadChart)

public:
    explicit StoreLoadChart(QWidget *parent = nullptr);

    // note: where the figures come from. It goes in the tooltip, not the
    // title: a new title lays the whole chart out again (several ms).
    void apply(const StoreBreakdown &breakdown, const QString &note);
    void clear(const QString &why);

    const QString &queue() const { return m_queue; }
    const QString &note() const { return m_note; }
    // Bottom to top, as drawn: the busiest store is last.
    QStringList categories() const;
    QBarSet *waitingSet() const { return m_waiting; }
    QBarSet *activeSet() const { return m_active; }

private:
    void setBars(const QStringList &categories, const QList<qreal> &waiting, const QList<qreal> &active);

    QBarCategoryAxis *m_stores;
    QValueAxis *m_values;
    QBarSet *m_waiting;
    QBarSet *m_active;
    QString m_queue;
    QString m_note;
};

} // namespace QueueDesk
