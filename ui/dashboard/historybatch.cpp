#include "historybatch.h"

#include "queue/metricsstore.h"
#include "queue/queuestore.h"

namespace QueueDesk {

HistoryBatch HistoryBatch::load(QSqlDatabase &db, const QDateTime &since)
{
    HistoryBatch batch;
    batch.since = since;
    auto queues = QueueStore(db).list();
    if (!queues) {
        batch.error = queues.error();
        return batch;
    }
    MetricsStore metrics(db);
    // All queues at once: the totals add up the queues' rows of each sample.
    QList<MetricsPoint> all;
    for (const QueueConfig &queue : queues.value()) {
        auto points = metrics.history(queue.name, since, MetricsStore::Detail::Figures);
        if (!points) {
            batch.error = points.error();
            return batch;
        }
        all.append(points.value());
    }
    batch.history.addHistory(all);
    batch.points = all.size();
    return batch;
}

} // namespace QueueDesk
