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
    for (const QueueConfig &queue : queues.value()) {
        auto points = metrics.history(queue.name, since);
        if (!points) {
            batch.error = points.error();
            return batch;
        }
        batch.points.append(points.value());
    }
    return batch;
}

} // namespace QueueDesk
