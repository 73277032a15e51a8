#pragma once

#include "queue/metricspoint.h"
#include "queue/queuestats.h"
#include "util/error.h"

#include <QSqlDatabase>

#include <optional>

namespace QueueDesk {

// What the dashboard reads on each refresh beside the Snapshot: the newest
// metrics row of the queue whose stores it shows (the sampling engine's
// pool figures and busiest stores), and when asked or when no engine
// samples, that queue's stores counted live. Loaded on the store thread.
struct DashboardReading
{
    static constexpr int TopStores = 10;
    // A metrics row older than this means no engine samples any more.
    static constexpr qint64 SampleFreshSeconds = 120;

    // Counting a queue's stores live groups all its waiting jobs: on a big
    // backlog that is the dearest query of a refresh, while the scheduler
    // leader samples the same figures every few seconds anyway.
    enum class StoreSource {
        Live,           // count now (the queue was just chosen)
        SampleOrLive,   // the newest sample if fresh, else count now
        SampleOnly,     // the newest sample if fresh, else nothing
    };
    enum class StoresFrom { Nothing, Sample, Live };

    QString storeQueue;
    std::optional<MetricsPoint> latestSample;
    StoreBreakdown stores;
    StoresFrom storesFrom = StoresFrom::Nothing;
    Error storesError;
    qint64 liveStoresMs = 0;      // the live count's time, when there was one
    qint64 sqlMs = 0;

    static DashboardReading load(QSqlDatabase &db, const QString &storeQueue, StoreSource source);
    // The busiest stores of a metrics row; "others" is the rest of the
    // queue's waiting and active jobs at that sample.
    static StoreBreakdown storesOf(const MetricsPoint &sample);
};

} // namespace QueueDesk
