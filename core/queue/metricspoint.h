#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace QueueDesk {

// One row of queuedesk.metrics: one queue at one sample (see 003_scheduler.sql).
struct MetricsPoint
{
    QDateTime at;
    QString queue;
    qint64 delayed = 0;
    qint64 retrying = 0;
    qint64 waiting = 0;
    qint64 active = 0;
    qint64 stalled = 0;
    qint64 completedTotal = 0;
    qint64 failedTotal = 0;
    qint64 cancelledTotal = 0;
    bool totalsEstimated = false;
    qint64 completed = 0;        // in the interval since the previous sample
    qint64 failed = 0;
    double runtimeAvgMs = -1;    // -1: nothing finished in the interval
    double runtimeP95Ms = -1;
    double waitAvgMs = -1;
    double waitP95Ms = -1;
    QJsonArray topStores;        // [{"store", "waiting", "active"}]
    int poolTotal = 0;
    int poolIdle = 0;
    int poolInUse = 0;
    int poolWaiting = 0;
    QJsonObject serverConnections;   // pg_stat_activity state -> count
    QString sampledBy;
};

} // namespace QueueDesk
