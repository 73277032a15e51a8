#pragma once

#include "dashboard/dashboardhistory.h"
#include "dashboard/timerange.h"

#include <QChartView>
#include <QColor>
#include <QDateTime>

#include <optional>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace QueueDesk {

// A live line chart over time of some of the dashboard's metrics (queue
// depth by state, throughput per minute). No animations; once per refresh
// each series is replaced in one go and each axis set once, so a tick costs
// one repaint however many points there are.
class TimeSeriesChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeSeriesChart)

public:
    struct Line
    {
        Metric metric;
        QString name;
        QColor colour;
    };

    TimeSeriesChart(const QString &title, const QList<Line> &lines, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void draw(const DashboardHistory &history, const QString &key, TimeRange::Span span, const QDateTime &now);

    QLineSeries *series(Metric metric) const;
    QDateTimeAxis *timeAxis() const { return m_time; }
    QValueAxis *valueAxis() const { return m_values; }
    // The newest value the chart draws for the metric; none while empty.
    std::optional<double> lastValue(Metric metric) const;

private:
    int maxPoints() const;

    QDateTimeAxis *m_time;
    QValueAxis *m_values;
    QList<std::pair<Metric, QLineSeries *>> m_series;
};

} // namespace QueueDesk
