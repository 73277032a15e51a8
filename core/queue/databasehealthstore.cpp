#include "databasehealthstore.h"

#include "db/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

// a: the client backends of this database; x: the oldest open transaction
// among them other than ours (autovacuum's own are ignored by other
// vacuums); c: their count by state. The statistics functions are called
// directly rather than through pg_stat_user_tables / pg_stat_activity,
// whose many joins cost more to plan than this costs to run. Nothing here
// reads the jobs table itself: the cost does not grow with the jobs.
const auto healthSql =
    u"WITH t AS (SELECT to_regclass('queuedesk.jobs') AS relid), "
    u"a AS MATERIALIZED (SELECT pid, state, application_name, query, wait_event_type, xact_start, backend_xid, "
    u"                          backend_xmin "
    u"        FROM pg_stat_get_activity(NULL) "
    u"       WHERE datid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    u"         AND backend_type = 'client backend'), "
    u"x AS (SELECT pid, extract(epoch FROM now() - xact_start)::double precision AS age, state, application_name, "
    u"             left(query, 200) AS query, backend_xid IS NOT NULL OR backend_xmin IS NOT NULL AS holds "
    u"        FROM a WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() ORDER BY xact_start LIMIT 1), "
    u"c AS (SELECT coalesce(jsonb_object_agg(st, n), '{}') AS by_state, coalesce(sum(n), 0)::bigint AS total, "
    u"             coalesce(sum(w), 0)::bigint AS waiting "
    u"        FROM (SELECT coalesce(state, 'unknown') AS st, count(*) AS n, "
    u"                     count(*) FILTER (WHERE wait_event_type = 'Lock') AS w FROM a GROUP BY 1) s) "
    u"SELECT t.relid IS NOT NULL, pg_stat_get_live_tuples(t.relid), pg_stat_get_dead_tuples(t.relid), "
    u"       pg_stat_get_last_autovacuum_time(t.relid), pg_stat_get_last_vacuum_time(t.relid), "
    u"       pg_stat_get_last_autoanalyze_time(t.relid), pg_stat_get_autovacuum_count(t.relid), "
    u"       pg_table_size(t.relid), "
    u"       (SELECT coalesce(jsonb_agg(jsonb_build_array(r.relname, pg_relation_size(i.indexrelid)) "
    u"                                  ORDER BY pg_relation_size(i.indexrelid) DESC, r.relname), '[]') "
    u"          FROM pg_index i JOIN pg_class r ON r.oid = i.indexrelid WHERE i.indrelid = t.relid)::text, "
    u"       x.pid, x.age, x.state, x.application_name, x.query, x.holds, "
    u"       c.by_state::text, c.total, c.waiting, current_setting('max_connections')::bigint, now() "
    u"  FROM t CROSS JOIN c LEFT JOIN x ON true"_s;

TableHealth tableFrom(const QSqlQuery &q)
{
    TableHealth t;
    t.found = q.value(0).toBool();
    if (!t.found)
        return t;
    t.liveTuples = q.value(1).toLongLong();
    t.deadTuples = q.value(2).toLongLong();
    t.lastAutovacuum = q.value(3).toDateTime();
    t.lastVacuum = q.value(4).toDateTime();
    t.lastAutoanalyze = q.value(5).toDateTime();
    t.autovacuumCount = q.value(6).toLongLong();
    t.tableBytes = q.value(7).toLongLong();
    const QJsonArray indexes = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array();
    for (const QJsonValue &index : indexes)
        t.indexes.append({index[0].toString(), index[1].toInteger()});
    return t;
}

OpenTransaction transactionFrom(const QSqlQuery &q)
{
    OpenTransaction x;
    if (q.value(9).isNull())
        return x;
    x.pid = q.value(9).toLongLong();
    x.ageSeconds = qMax(0.0, q.value(10).toDouble());
    x.state = q.value(11).toString();
    x.application = q.value(12).toString();
    x.query = q.value(13).toString();
    x.holdsHorizon = q.value(14).toBool();
    return x;
}

ServerConnections connectionsFrom(const QSqlQuery &q)
{
    ServerConnections c;
    const QJsonObject byState = QJsonDocument::fromJson(q.value(15).toString().toUtf8()).object();
    for (auto it = byState.constBegin(); it != byState.constEnd(); ++it)
        c.byState.insert(it.key(), it.value().toInteger());
    c.total = q.value(16).toLongLong();
    c.waitingOnLocks = q.value(17).toLongLong();
    c.maxConnections = q.value(18).toLongLong();
    return c;
}

} // namespace

qint64 TableHealth::indexBytes() const
{
    qint64 total = 0;
    for (const RelationSize &index : indexes)
        total += index.bytes;
    return total;
}

double TableHealth::deadRatio() const
{
    const qint64 all = liveTuples + deadTuples;
    return all > 0 ? double(deadTuples) / double(all) : 0.0;
}

qint64 ServerConnections::inUse() const
{
    return total - count(u"idle"_s) - count(u"unknown"_s);
}

DatabaseHealthStore::DatabaseHealthStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<DatabaseHealth> DatabaseHealthStore::read()
{
    auto row = Database::exec(m_db, healthSql);
    if (!row)
        return row.error();
    QSqlQuery &q = row.value();
    if (!q.next())
        return Error(Error::Code::Database, u"The database's statistics could not be read."_s);
    DatabaseHealth health;
    health.jobs = tableFrom(q);
    health.oldestTransaction = transactionFrom(q);
    health.connections = connectionsFrom(q);
    health.readAt = q.value(19).toDateTime();
    return health;
}

} // namespace QueueDesk
