#pragma once

#include "dashboard/dashboardhistory.h"
#include "dashboard/timerange.h"
#include "queue/databasehealthstore.h"
#include "store/storeclient.h"

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace QueueDesk {

class ConnectionsChart;
class DatabaseHealthPanel;
class QueueHealthModel;
class Refresher;
class StoreLoadChart;
class TimeSeriesChart;
struct DashboardReading;
struct HistoryBatch;
struct Snapshot;

// The live dashboard: queue depth by state and throughput over time (one
// queue or all), jobs per store, connections, queue health and the
// database's own health. The charts open with the last 24 h from the
// metrics history and go on live with every refresh.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    DashboardPage(StoreClient *client, Refresher *refresher, QWidget *parent = nullptr);

    TimeSeriesChart *depthChart() const { return m_depth; }
    TimeSeriesChart *throughputChart() const { return m_throughput; }
    StoreLoadChart *storeChart() const { return m_stores; }
    ConnectionsChart *connectionsChart() const { return m_connections; }
    QueueHealthModel *healthModel() const { return m_healthModel; }
    DatabaseHealthPanel *databasePanel() const { return m_database; }
    QComboBox *queueSelector() const { return m_queueSelector; }
    QComboBox *rangeSelector() const { return m_rangeSelector; }
    const DashboardHistory &history() const { return m_history; }

    // Empty: all queues.
    QString selectedQueue() const;
    void selectQueue(const QString &queue);
    TimeRange::Span span() const { return m_span; }
    void setSpan(TimeRange::Span span);
    // How far back the metrics history has been read; invalid until it was.
    QDateTime historySince() const { return m_historySince; }

signals:
    // After each refresh has been drawn.
    void drawn();
    void historyLoaded(int points);
    void errorOccurred(const QString &message);

private:
    QWidget *buildToolbar();
    void buildLayout();
    void onConnectionState(StoreClient::ConnectionState state);
    void onRefreshed(const Snapshot &snapshot);
    void updateQueueSelector(const Snapshot &snapshot);
    QString storeQueue() const;
    void requestReading();
    void applyReading(const DashboardReading &reading);
    void requestHistory(const QDateTime &since);
    void applyHistory(const HistoryBatch &batch);
    void redraw();

    StoreClient *m_client;
    Refresher *m_refresher;
    DashboardHistory m_history;
    TimeSeriesChart *m_depth;
    TimeSeriesChart *m_throughput;
    StoreLoadChart *m_stores;
    ConnectionsChart *m_connections;
    QueueHealthModel *m_healthModel;
    QTableView *m_healthView;
    DatabaseHealthPanel *m_database;
    QComboBox *m_queueSelector;
    QComboBox *m_rangeSelector;
    QLabel *m_historyLabel;
    TimeRange::Span m_span = TimeRange::Hour1;
    QDateTime m_now;                  // the newest refresh's time
    QDateTime m_historySince;
    QString m_busiestQueue;
    ServerConnections m_serverConnections;
    QString m_readingQueue;
    qint64 m_nextLiveStoresAt = 0;    // ms since the epoch
    bool m_readingInFlight = false;
};

} // namespace QueueDesk
