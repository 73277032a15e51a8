#pragma once

#include "queue/databasehealthstore.h"
#include "queue/metricspoint.h"

#include <QChartView>

#include <optional>

class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

namespace QueueDesk {

// The sampling engine's connection pool (total, idle, in use, waiting for a
// connection) beside the server's own count of this database's client
// connections, on the same four figures: in use there is running a
// statement or inside a transaction, waiting is waiting for a lock.
class ConnectionsChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsChart)

public:
    enum Figure { Total, Idle, InUse, Waiting, FigureCount };

    explicit ConnectionsChart(QWidget *parent = nullptr);

    // pool: the newest metrics row, none when no engine sampled lately.
    void apply(const std::optional<MetricsPoint> &pool, const ServerConnections &server);

    // -1 while unknown.
    qint64 poolFigure(Figure figure) const;
    qint64 serverFigure(Figure figure) const;

private:
    static int barIndex(Figure figure) { return FigureCount - 1 - figure; }

    QBarCategoryAxis *m_figures;
    QValueAxis *m_values;
    QBarSet *m_pool;
    QBarSet *m_server;
    QString m_help;
    bool m_poolKnown = false;
};

} // namespace QueueDesk
