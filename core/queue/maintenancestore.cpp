#include "maintenancestore.h"

#include "db/database.h"

#include <QSqlQuery>

namespace QueueDesk {

namespace {

// Per queue, a range of jobs_scheduled (queue, run_at); SKIP LOCKED leaves
// rows a claim is promoting right now to that claim. The same move as the
// one in queuedesk.claim (002_claim.sql): a fresh ready_seq.
const auto promoteSql =
    u"WITH due AS (SELECT d.id FROM queuedesk.queues q CROSS JOIN LATERAL ("
    u"    SELECT id FROM queuedesk.jobs WHERE queue = q.name AND state = 'scheduled' AND run_at <= now() "
    u"     ORDER BY run_at LIMIT ? FOR UPDATE SKIP LOCKED) d), "
    u"up AS (UPDATE queuedesk.jobs j SET state = 'waiting', ready_seq = nextval('queuedesk.jobs_ready_seq') "
    u"         FROM due WHERE j.id = due.id AND j.state = 'scheduled' RETURNING j.queue), "
    u"n AS (SELECT queue, count(*) AS promoted FROM up GROUP BY queue) "
    u"SELECT queue, promoted, pg_notify('queuedesk_jobs', queue) FROM n"_s;

} // namespace

MaintenanceStore::MaintenanceStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QHash<QString, qint64>> MaintenanceStore::promoteDue(int perQueue)
{
    auto rows = Database::exec(m_db, promoteSql, {perQueue});
    if (!rows)
        return rows.error();
    QHash<QString, qint64> promoted;
    while (rows.value().next())
        promoted.insert(rows.value().value(0).toString(), rows.value().value(1).toLongLong());
    return promoted;
}

} // namespace QueueDesk
