#include "dashboardreading.h"

#include "queue/metricsstore.h"
#include "queue/statsstore.h"

#include <QElapsedTimer>

namespace QueueDesk {

DashboardReading DashboardReading::load(QSqlDatabase &db, const QString &storeQueue)
{
    DashboardReading reading;
    reading.storeQueue = storeQueue;
    if (storeQueue.isEmpty())
        return reading;
    QElapsedTimer clock;
    clock.start();
    auto stores = StatsStore(db).storeLoad(storeQueue, TopStores);
    if (stores)
        reading.stores = stores.value();
    else
        reading.storesError = stores.error();
    // Every sample writes a row for every queue, so one queue's newest row
    // tells the pool figures of the newest sample.
    const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-PoolFreshSeconds);
    if (auto recent = MetricsStore(db).history(storeQueue, since); recent && !recent->isEmpty())
        reading.latestSample = recent->last();
    reading.sqlMs = clock.elapsed();
    return reading;
}

} // namespace QueueDesk
