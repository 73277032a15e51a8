#include "timeserieschart.h"

#include "dashboard/axisscale.h"

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>


namespace QueueDesk {

TimeSeriesChart::TimeSeriesChart(const QString &title, const QList<Line> &lines, QWidget *parent)
    : QChartView(parent)
    , m_time(new QDateTimeAxis)
    , m_values(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_values, Qt::AlignLeft);
    m_time->setTickCount(5);
    m_values->setLabelFormat(u"%.0f"_s);
    m_values->setRange(0, AxisScale::ceiling(0));
    m_values->setTickCount(AxisScale::TickCount);
    for (const Line &line : lines) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        series->setPen(QPen(line.colour, 2));
        chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_values);
        m_series.append({line.metric, series});
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
}

void TimeSeriesChart::setTitle(const QString &title)
{
    if (chart()->title() != title)
        chart()->setTitle(title);
}

int TimeSeriesChart::maxPoints() const
{
    // About one point per pixel of the plot: more would not be seen.
    return qMax(120, int(chart()->plotArea().width()));
}

void TimeSeriesChart::draw(const DashboardHistory &history, const QString &key, TimeRange::Span span,
                           const QDateTime &now)
{
    const qint64 to = now.toMSecsSinceEpoch();
    const qint64 from = to - TimeRange::ms(span);
    double top = 0;
    for (const auto &[metric, series] : std::as_const(m_series)) {
        const QList<QPointF> points = history.points(key, metric, from, to, maxPoints());
        for (const QPointF &p : points)
            top = qMax(top, p.y());
        series->replace(points);
    }
    if (m_time->format() != TimeRange::axisFormat(span))
        m_time->setFormat(TimeRange::axisFormat(span));
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    // Each range change lays every series out again: only when it moved.
    const double ceiling = AxisScale::ceiling(top);
    if (m_values->max() != ceiling)
        m_values->setRange(0, ceiling);
}

QLineSeries *TimeSeriesChart::series(Metric metric) const
{
    for (const auto &[m, series] : m_series) {
        if (m == metric)
            return series;
    }
    return nullptr;
}

std::optional<double> TimeSeriesChart::lastValue(Metric metric) const
{
    const QLineSeries *s = series(metric);
    if (!s || s->count() == 0)
        return std::nullopt;
    return s->at(s->count() - 1).y();
}

} // namespace QueueDesk
