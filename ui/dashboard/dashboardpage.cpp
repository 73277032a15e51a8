#include "dashboardpage.h"

#include "dashboard/connectionschart.h"
#include "dashboard/dashboardreading.h"
#include "dashboard/databasehealthpanel.h"
#include "dashboard/historybatch.h"
#include "dashboard/queuehealthmodel.h"
#include "dashboard/storeloadchart.h"
#include "dashboard/timeserieschart.h"
#include "store/refresher.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace QueueDesk {

namespace {

constexpr qint64 OpeningHistorySeconds = 24 * 60 * 60;

QList<TimeSeriesChart::Line> depthLines()
{
    return {{Metric::Waiting, DashboardPage::tr("Waiting"), QColor(0x3b, 0x82, 0xf6)},
            {Metric::Delayed, DashboardPage::tr("Delayed"), QColor(0xf5, 0x9e, 0x0b)},
            {Metric::Active, DashboardPage::tr("Active"), QColor(0x10, 0xb9, 0x81)},
            {Metric::Failed, DashboardPage::tr("Failed"), QColor(0xef, 0x44, 0x44)}};
}

QList<TimeSeriesChart::Line> throughputLines()
{
    return {{Metric::CompletedPerMinute, DashboardPage::tr("Completed"), QColor(0x10, 0xb9, 0x81)},
            {Metric::FailedPerMinute, DashboardPage::tr("Failed"), QColor(0xef, 0x44, 0x44)}};
}

} // namespace

DashboardPage::DashboardPage(StoreClient *client, Refresher *refresher, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_refresher(refresher)
    , m_depth(new TimeSeriesChart(tr("Queue depth"), depthLines(), this))
    , m_throughput(new TimeSeriesChart(tr("Throughput per minute"), throughputLines(), this))
    , m_stores(new StoreLoadChart(this))
    , m_connections(new ConnectionsChart(this))
    , m_healthModel(new QueueHealthModel(this))
    , m_healthView(new QTableView(this))
    , m_database(new DatabaseHealthPanel(this))
    , m_queueSelector(new QComboBox(this))
    , m_rangeSelector(new QComboBox(this))
    , m_historyLabel(new QLabel(this))
{
    setObjectName(u"dashboardPage"_s);
    m_depth->setObjectName(u"depthChart"_s);
    m_throughput->setObjectName(u"throughputChart"_s);
    m_stores->setObjectName(u"storeChart"_s);
    m_connections->setObjectName(u"connectionsChart"_s);
    m_depth->setToolTip(tr("Delayed: scheduled for later, retries included. Failed: the failed jobs kept."));
    buildLayout();
    connect(refresher, &Refresher::refreshed, this, &DashboardPage::onRefreshed);
    connect(client, &StoreClient::connectionStateChanged, this, &DashboardPage::onConnectionState);
    if (client->connectionState() == StoreClient::ConnectionState::Connected)
        onConnectionState(StoreClient::ConnectionState::Connected);
}

QWidget *DashboardPage::buildToolbar()
{
    auto *toolbar = new QToolBar(this);
    m_queueSelector->setObjectName(u"dashboardQueue"_s);
    m_queueSelector->addItem(tr("All queues"), QString());
    m_queueSelector->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rangeSelector->setObjectName(u"dashboardRange"_s);
    for (TimeRange::Span span : TimeRange::all())
        m_rangeSelector->addItem(TimeRange::label(span), int(span));
    m_rangeSelector->setCurrentIndex(m_rangeSelector->findData(int(m_span)));
    toolbar->addWidget(new QLabel(tr("Queue:"), toolbar));
    toolbar->addWidget(m_queueSelector);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr("Time range:"), toolbar));
    toolbar->addWidget(m_rangeSelector);
    toolbar->addSeparator();
    toolbar->addWidget(m_historyLabel);
    connect(m_queueSelector, &QComboBox::currentIndexChanged, this, [this] {
        redraw();
        requestReading();
    });
    connect(m_rangeSelector, &QComboBox::currentIndexChanged, this,
            [this] { setSpan(TimeRange::Span(m_rangeSelector->currentData().toInt())); });
    return toolbar;
}

void DashboardPage::buildLayout()
{
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_healthModel);
    proxy->setSortRole(QueueHealthModel::SortRole);
    m_healthView->setModel(proxy);
    m_healthView->setObjectName(u"queueHealthView"_s);
    m_healthView->setSortingEnabled(true);
    m_healthView->sortByColumn(QueueHealthModel::ColQueue, Qt::AscendingOrder);
    m_healthView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_healthView->verticalHeader()->hide();
    m_healthView->horizontalHeader()->setStretchLastSection(true);
    m_healthView->setWordWrap(false);

    auto *grid = new QGridLayout;
    grid->addWidget(m_depth, 0, 0);
    grid->addWidget(m_throughput, 0, 1);
    grid->addWidget(m_stores, 1, 0);
    grid->addWidget(m_connections, 1, 1);
    grid->addWidget(m_healthView, 2, 0);
    grid->addWidget(m_database, 2, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildToolbar());
    layout->addLayout(grid);
}

QString DashboardPage::selectedQueue() const
{
    return m_queueSelector->currentData().toString();
}

void DashboardPage::selectQueue(const QString &queue)
{
    const int index = m_queueSelector->findData(queue);
    if (index >= 0)
        m_queueSelector->setCurrentIndex(index);
}

void DashboardPage::setSpan(TimeRange::Span span)
{
    if (m_rangeSelector->currentData().toInt() != int(span)) {
        m_rangeSelector->setCurrentIndex(m_rangeSelector->findData(int(span)));
        return;   // the selector's signal comes back here
    }
    m_span = span;
    redraw();
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTime();
    const QDateTime wanted = now.addSecs(-TimeRange::seconds(span));
    if (m_historySince.isValid() && wanted < m_historySince)
        requestHistory(wanted);
}

void DashboardPage::onConnectionState(StoreClient::ConnectionState state)
{
    if (state != StoreClient::ConnectionState::Connected)
        return;
    // On open the last 24 h; after a reconnect, what was missed meanwhile.
    if (!m_historySince.isValid())
        requestHistory(QDateTime::currentDateTime().addSecs(-OpeningHistorySeconds));
    else if (m_now.isValid())
        requestHistory(m_now.addSecs(-60));
}

void DashboardPage::onRefreshed(const Snapshot &snapshot)
{
    m_now = snapshot.takenAt;
    m_history.addSnapshot(snapshot);
    updateQueueSelector(snapshot);
    m_healthModel->setNow(m_now);
    m_healthModel->apply(snapshot);
    m_database->apply(snapshot.database);
    m_serverConnections = snapshot.database.connections;
    redraw();
    requestReading();
    emit drawn();
}

void DashboardPage::updateQueueSelector(const Snapshot &snapshot)
{
    QStringList queues;
    qint64 mostWaiting = -1;
    for (const QueueCounts &c : snapshot.counts) {
        queues.append(c.queue);
        if (c.waiting > mostWaiting) {
            mostWaiting = c.waiting;
            m_busiestQueue = c.queue;
        }
    }
    QStringList shown;
    for (int i = 1; i < m_queueSelector->count(); ++i)
        shown.append(m_queueSelector->itemData(i).toString());
    if (shown == queues)
        return;
    const QString selected = selectedQueue();
    const QSignalBlocker blocker(m_queueSelector);
    while (m_queueSelector->count() > 1)
        m_queueSelector->removeItem(1);
    for (const QString &queue : std::as_const(queues))
        m_queueSelector->addItem(queue, queue);
    const int index = m_queueSelector->findData(selected);
    m_queueSelector->setCurrentIndex(index < 0 ? 0 : index);
}

QString DashboardPage::storeQueue() const
{
    const QString selected = selectedQueue();
    return selected.isEmpty() ? m_busiestQueue : selected;
}

void DashboardPage::requestReading()
{
    const QString queue = storeQueue();
    if (m_readingInFlight && queue == m_readingQueue)
        return;   // the previous tick's reading is still out: do not pile up
    using Source = DashboardReading::StoreSource;
    const Source source = queue != m_readingQueue                                   ? Source::Live
                          : QDateTime::currentMSecsSinceEpoch() >= m_nextLiveStoresAt ? Source::SampleOrLive
                                                                                      : Source::SampleOnly;
    m_readingInFlight = true;
    m_readingQueue = queue;
    m_client->run<DashboardReading>(this, u"dashboard-reading"_s,
                                    [queue, source](QSqlDatabase &db) { return DashboardReading::load(db, queue, source); },
                                    [this](const DashboardReading &reading) { applyReading(reading); });
}

void DashboardPage::applyReading(const DashboardReading &reading)
{
    m_readingInFlight = false;
    using From = DashboardReading::StoresFrom;
    if (reading.storesFrom == From::Live) {
        // Counting again costs this count's time: keep it to a twentieth
        // of the store thread's time, at most once a minute.
        m_nextLiveStoresAt = QDateTime::currentMSecsSinceEpoch() + qBound(qint64(0), reading.liveStoresMs * 20, qint64(60000));
    }
    if (reading.storeQueue.isEmpty())
        m_stores->clear(tr("Jobs per store: no queue"));
    else if (reading.storesError.isError())
        m_stores->clear(reading.storesError.message);
    else if (reading.storesFrom == From::Live)
        m_stores->apply(reading.stores, tr("counted now"));
    else if (reading.storesFrom == From::Sample)
        m_stores->apply(reading.stores, tr("sampled %1 by %2")
                                            .arg(QLocale().toString(reading.latestSample->at.toLocalTime().time(),
                                                                    QLocale::ShortFormat),
                                                 reading.latestSample->sampledBy));
    m_connections->apply(reading.latestSample, m_serverConnections);
}

void DashboardPage::requestHistory(const QDateTime &since)
{
    m_client->run<HistoryBatch>(this, u"dashboard-history"_s,
                                [since](QSqlDatabase &db) { return HistoryBatch::load(db, since); },
                                [this](const HistoryBatch &batch) { applyHistory(batch); });
}

void DashboardPage::applyHistory(const HistoryBatch &batch)
{
    if (batch.error.isError()) {
        m_historyLabel->setText(tr("No history: %1").arg(batch.error.message));
        emit errorOccurred(batch.error.toString());
        return;
    }
    if (!m_historySince.isValid() || batch.since < m_historySince)
        m_historySince = batch.since;
    m_history.merge(batch.history);
    m_historyLabel->setText(batch.points == 0
                                ? tr("No metrics history yet: the charts start now.")
                                : tr("History since %1 from the metrics table, live after.")
                                      .arg(QLocale().toString(m_historySince, QLocale::ShortFormat)));
    redraw();
    emit historyLoaded(int(batch.points));
}

void DashboardPage::redraw()
{
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTime();
    const QString key = selectedQueue();
    const QString which = key.isEmpty() ? tr("all queues") : key;
    m_depth->setTitle(tr("Queue depth: %1").arg(which));
    m_throughput->setTitle(tr("Throughput per minute: %1").arg(which));
    m_depth->draw(m_history, key, m_span, now);
    m_throughput->draw(m_history, key, m_span, now);
}

} // namespace QueueDesk
