#include "snapshot.h"

#include "queue/healthstore.h"
#include "queue/statsstore.h"

#include <QElapsedTimer>

namespace QueueDesk {

qint64 Snapshot::completedLastMinute(const QString &queue) const
{
    for (const QueueThroughput &q : throughput) {
        if (q.queue == queue)
            return q.minutes.size() < 2 ? 0 : q.minutes.at(q.minutes.size() - 2).completed;
    }
    return 0;
}

const QueueTimings *Snapshot::timingsOf(const QString &queue) const
{
    for (const QueueTimings &t : timings) {
        if (t.queue == queue)
            return &t;
    }
    return nullptr;
}

Snapshot loadSnapshot(QSqlDatabase &db)
{
    Snapshot snapshot;
    QElapsedTimer clock;
    clock.start();
    StatsStore stats(db);
    auto counts = stats.counts(CountMode::Quick);
    if (!counts) {
        snapshot.error = counts.error();
        return snapshot;
    }
    snapshot.counts = counts.value();
    if (auto timings = stats.timings(); timings)
        snapshot.timings = timings.value();
    if (auto throughput = stats.throughput(60); throughput)
        snapshot.throughput = throughput.value();
    if (auto workers = WorkerStore(db).list(); workers)
        snapshot.workers = workers.value();
    if (auto health = HealthStore(db).current(); health)
        snapshot.health = health.value();
    if (auto database = DatabaseHealthStore(db).read(); database)
        snapshot.database = database.value();
    snapshot.sqlMs = clock.elapsed();
    snapshot.takenAt = QDateTime::currentDateTime();
    return snapshot;
}

} // namespace QueueDesk
