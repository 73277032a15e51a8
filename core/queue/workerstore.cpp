#include "workerstore.h"

#include "db/database.h"
#include "queue/sqlvalues.h"

#include <QSqlQuery>

namespace QueueDesk {

WorkerStore::WorkerStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Status WorkerStore::registerWorker(const WorkerInfo &worker)
{
    return heartbeat(worker);
}

Status WorkerStore::heartbeat(const WorkerInfo &worker)
{
    auto upserted = Database::exec(
        m_db,
        u"INSERT INTO queuedesk.workers (id, host, pid, version, queues, concurrency, state) "
        u"VALUES (?, ?, ?, ?, ?::text[], ?, ?) "
        u"ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), state = excluded.state, "
        u"  queues = excluded.queues, concurrency = excluded.concurrency"_s,
        {worker.id, worker.host, worker.pid, worker.version, SqlValues::textArray(worker.queues), worker.concurrency,
         worker.state});
    return upserted ? Status() : Status(upserted.error());
}

Status WorkerStore::setState(const QString &workerId, const QString &state)
{
    auto updated = Database::exec(m_db, u"UPDATE queuedesk.workers SET state = ?, heartbeat_at = now() WHERE id = ?"_s,
                                  {state, workerId});
    return updated ? Status() : Status(updated.error());
}

Result<QList<WorkerInfo>> WorkerStore::list()
{
    auto rows = Database::exec(
        m_db,
        u"SELECT w.id, w.host, w.pid, w.version, array_to_string(w.queues, ','), w.concurrency, w.state, "
        u"       w.is_leader, w.started_at, w.heartbeat_at, "
        u"       (SELECT count(*) FROM queuedesk.jobs j WHERE j.state = 'active' AND j.locked_by = w.id) "
        u"  FROM queuedesk.workers w ORDER BY w.heartbeat_at DESC"_s);
    if (!rows)
        return rows.error();
    QList<WorkerInfo> workers;
    while (rows.value().next()) {
        const QSqlQuery &q = rows.value();
        WorkerInfo w;
        w.id = q.value(0).toString();
        w.host = q.value(1).toString();
        w.pid = q.value(2).toLongLong();
        w.version = q.value(3).toString();
        w.queues = q.value(4).toString().split(u',', Qt::SkipEmptyParts);
        w.concurrency = q.value(5).toInt();
        w.state = q.value(6).toString();
        w.isLeader = q.value(7).toBool();
        w.startedAt = q.value(8).toDateTime();
        w.heartbeatAt = q.value(9).toDateTime();
        w.activeJobs = q.value(10).toInt();
        workers.append(w);
    }
    return workers;
}

Result<qint64> WorkerStore::prune(qint64 silentForSeconds)
{
    auto pruned = Database::exec(m_db, u"DELETE FROM queuedesk.workers WHERE heartbeat_at < now() - make_interval(secs => ?)"_s,
                                 {silentForSeconds});
    if (!pruned)
        return pruned.error();
    return qint64(pruned.value().numRowsAffected());
}

} // namespace QueueDesk
