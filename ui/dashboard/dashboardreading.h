#pragma once

#include "queue/metricspoint.h"
#include "queue/queuestats.h"
#include "util/error.h"

#include <QSqlDatabase>

#include <optional>

namespace QueueDesk {

// What the dashboard reads on each refresh beside the Snapshot: the store
// distribution of the queue it shows (a parameter the Snapshot does not
// have) and the newest metrics row, which carries the sampling engine's
// connection-pool figures. Loaded on the store thread.
struct DashboardReading
{
    static constexpr int TopStores = 10;
    // A metrics row older than this means no engine samples any more.
    static constexpr qint64 PoolFreshSeconds = 120;

    QString storeQueue;
    StoreBreakdown stores;
    Error storesError;
    std::optional<MetricsPoint> latestSample;
    qint64 sqlMs = 0;

    static DashboardReading load(QSqlDatabase &db, const QString &storeQueue);
};

} // namespace QueueDesk
