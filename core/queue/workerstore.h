#pragma once

#include "util/error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace QueueDesk {

// A row of queuedesk.workers: one running engine.
struct WorkerInfo
{
    QString id;
    QString host;
    qint64 pid = 0;
    QString version;
    QStringList queues;
    int concurrency = 0;
    QString state = u"running"_s;   // running, draining, stopped
    bool isLeader = false;
    QDateTime startedAt;
    QDateTime heartbeatAt;
    int activeJobs = 0;               // filled by list()
};

// Engines register here, heartbeat, and say when they drain and stop.
class WorkerStore final
{
public:
    explicit WorkerStore(QSqlDatabase db);

    Status registerWorker(const WorkerInfo &worker);
    // Also re-creates the row if someone pruned it.
    Status heartbeat(const WorkerInfo &worker);
    Status setState(const QString &workerId, const QString &state);
    // Every worker with its active job count, newest heartbeat first.
    Result<QList<WorkerInfo>> list();
    // Deletes stopped or silent workers older than the age; returns the count.
    Result<qint64> prune(qint64 silentForSeconds);

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
