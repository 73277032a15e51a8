#include "dashboardreading.h"

#include "queue/metricsstore.h"
#include "queue/statsstore.h"

#include <QElapsedTimer>
#include <QJsonObject>

namespace QueueDesk {

StoreBreakdown DashboardReading::storesOf(const MetricsPoint &sample)
{
    StoreBreakdown breakdown;
    breakdown.queue = sample.queue;
    qint64 waiting = 0;
    qint64 active = 0;
    for (const QJsonValue &value : sample.topStores) {
        const QJsonObject store = value.toObject();
        const StoreLoad load{store[u"store"_s].toString(), store[u"waiting"_s].toInteger(),
                             store[u"active"_s].toInteger()};
        waiting += load.waiting;
        active += load.active;
        breakdown.top.append(load);
    }
    breakdown.others = {QString(), qMax<qint64>(0, sample.waiting - waiting), qMax<qint64>(0, sample.active - active)};
    // How many stores the rest spreads over is not sampled: -1 says "some".
    breakdown.otherStores = breakdown.others.waiting + breakdown.others.active > 0 ? -1 : 0;
    return breakdown;
}

DashboardReading DashboardReading::load(QSqlDatabase &db, const QString &storeQueue, StoreSource source)
{
    DashboardReading reading;
    reading.storeQueue = storeQueue;
    if (storeQueue.isEmpty())
        return reading;
    QElapsedTimer clock;
    clock.start();
    // Every sample writes a row for every queue: the queue's newest row is
    // the newest sample.
    const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-SampleFreshSeconds);
    if (auto recent = MetricsStore(db).history(storeQueue, since); recent && !recent->isEmpty())
        reading.latestSample = recent->last();
    const bool live = source == StoreSource::Live || (source == StoreSource::SampleOrLive && !reading.latestSample);
    if (live) {
        QElapsedTimer counting;
        counting.start();
        auto stores = StatsStore(db).storeLoad(storeQueue, TopStores);
        reading.liveStoresMs = counting.elapsed();
        if (stores) {
            reading.stores = stores.value();
            reading.storesFrom = StoresFrom::Live;
        } else {
            reading.storesError = stores.error();
        }
    } else if (reading.latestSample) {
        reading.stores = storesOf(*reading.latestSample);
        reading.storesFrom = StoresFrom::Sample;
    }
    reading.sqlMs = clock.elapsed();
    return reading;
}

} // namespace QueueDesk
