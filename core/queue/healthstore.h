#pragma once

#include "queue/queuehealth.h"
#include "util/error.h"

#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// Queue health: the facts the rules need, the current state of each queue,
// and the events of its changes.
class HealthStore final
{
public:
    explicit HealthStore(QSqlDatabase db);

    // Every queue's facts. A worker is live when it runs and its heartbeat
    // is younger than workerStaleSeconds; slow jobs are counted with the
    // queue's slow_factor, or defaultSlowFactor when it has none.
    Result<QList<HealthFacts>> facts(qint64 workerStaleSeconds, double defaultSlowFactor);
    // Saves the queues' states; a queue whose state changed gets a
    // health_events row and a NOTIFY queuedesk_health. Returns the changes.
    Result<QList<HealthEvent>> apply(const QList<QueueHealth> &health);
    Result<QList<QueueHealth>> current();
    // Events after `afterId`, oldest first (the desktop app's notifications).
    Result<QList<HealthEvent>> events(qint64 afterId = 0, int limit = 1000);
    Result<qint64> pruneEvents(qint64 olderThanSeconds);

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
