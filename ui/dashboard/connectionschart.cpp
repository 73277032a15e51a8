#include "connectionschart.h"

#include "dashboard/axisscale.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QValueAxis>

namespace QueueDesk {

namespace {

void setFigures(QBarSet *set, const QList<qreal> &values)
{
    for (int i = 0; i < values.size(); ++i) {
        if (set->at(i) != values.at(i))
            set->replace(i, values.at(i));
    }
}

QString stateBreakdown(const ServerConnections &server)
{
    QStringList parts;
    for (auto it = server.byState.cbegin(); it != server.byState.cend(); ++it)
        parts.append(ConnectionsChart::tr("%1: %2").arg(it.key(), QLocale().toString(it.value())));
    return parts.join(u" · "_s);
}

} // namespace

ConnectionsChart::ConnectionsChart(QWidget *parent)
    : QChartView(parent)
    , m_figures(new QBarCategoryAxis)
    , m_values(new QValueAxis)
    , m_pool(new QBarSet(tr("Engine pool")))
    , m_server(new QBarSet(tr("Server, this database")))
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(tr("Connections"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_pool->setColor(QColor(0x8b, 0x5c, 0xf6));
    m_server->setColor(QColor(0x64, 0x74, 0x8b));
    m_pool->append(QList<qreal>(FigureCount, 0));
    m_server->append(QList<qreal>(FigureCount, 0));
    auto *series = new QHorizontalBarSeries;
    series->append(m_pool);
    series->append(m_server);
    chart->addSeries(series);
    // Bottom to top, so the total reads first.
    m_figures->setCategories({tr("Waiting"), tr("In use"), tr("Idle"), tr("Total")});
    chart->addAxis(m_figures, Qt::AlignLeft);
    chart->addAxis(m_values, Qt::AlignBottom);
    series->attachAxis(m_figures);
    series->attachAxis(m_values);
    m_values->setLabelFormat(u"%.0f"_s);
    m_values->setRange(0, AxisScale::ceiling(0));
    m_values->setTickCount(AxisScale::TickCount);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    m_help = tr("Engine pool: the connections of the engine that sampled the metrics last (waiting: callers "
                  "waiting for a free connection).\nServer: client connections to this database in "
                  "pg_stat_activity (in use: running a statement or inside a transaction; waiting: on a lock).");
    setToolTip(m_help);
}

void ConnectionsChart::apply(const std::optional<MetricsPoint> &pool, const ServerConnections &server)
{
    QList<qreal> poolValues(FigureCount, 0);
    if (pool) {
        poolValues[barIndex(Total)] = pool->poolTotal;
        poolValues[barIndex(Idle)] = pool->poolIdle;
        poolValues[barIndex(InUse)] = pool->poolInUse;
        poolValues[barIndex(Waiting)] = pool->poolWaiting;
    }
    m_poolKnown = pool.has_value();
    QList<qreal> serverValues(FigureCount, 0);
    serverValues[barIndex(Total)] = qreal(server.total);
    serverValues[barIndex(Idle)] = qreal(server.count(u"idle"_s));
    serverValues[barIndex(InUse)] = qreal(server.inUse());
    serverValues[barIndex(Waiting)] = qreal(server.waitingOnLocks);
    setFigures(m_pool, poolValues);
    setFigures(m_server, serverValues);
    const QString poolLabel = pool ? tr("Engine pool (%1)").arg(pool->sampledBy) : tr("Engine pool (no engine sampling)");
    if (m_pool->label() != poolLabel)
        m_pool->setLabel(poolLabel);
    const QString title = tr("Connections (server limit %1)").arg(QLocale().toString(server.maxConnections));
    if (chart()->title() != title)
        chart()->setTitle(title);
    const double top = qMax(poolValues[barIndex(Total)], serverValues[barIndex(Total)]);
    if (const double ceiling = AxisScale::ceiling(top); m_values->max() != ceiling)
        m_values->setRange(0, ceiling);
    setToolTip(m_help + u"\n\n"_s + tr("Server by state: %1").arg(stateBreakdown(server)));
}

qint64 ConnectionsChart::poolFigure(Figure figure) const
{
    return m_poolKnown ? qint64(m_pool->at(barIndex(figure))) : -1;
}

qint64 ConnectionsChart::serverFigure(Figure figure) const
{
    return qint64(m_server->at(barIndex(figure)));
}

} // namespace QueueDesk
