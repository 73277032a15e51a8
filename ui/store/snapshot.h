#pragma once

#include "queue/databasehealthstore.h"
#include "queue/queuehealth.h"
#include "queue/queuestats.h"
#include "queue/workerstore.h"
#include "util/error.h"

#include <QDateTime>
#include <QList>

namespace QueueDesk {

// Everything one refresh of the console reads, in one pass on the store
// thread: the models and charts are fed from it.
struct Snapshot
{
    QList<QueueCounts> counts;
    QList<QueueTimings> timings;
    QList<QueueThroughput> throughput;   // per minute, the last hour
    QList<WorkerInfo> workers;
    QList<QueueHealth> health;            // as the scheduler leader's rules last judged it
    DatabaseHealth database;              // the jobs table, open transactions, connections
    Error error;                          // set when the refresh failed
    QDateTime takenAt;
    qint64 sqlMs = 0;                     // time spent in SQL

    // Completed in the last full minute, per queue.
    qint64 completedLastMinute(const QString &queue) const;
    const QueueTimings *timingsOf(const QString &queue) const;
};

// Reads a Snapshot through the stores (store thread only).
Snapshot loadSnapshot(QSqlDatabase &db);

} // namespace QueueDesk
