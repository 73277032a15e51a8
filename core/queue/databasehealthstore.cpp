#include "databasehealthstore.h"

#include "db/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

// t: the jobs table's vacuum statistics; x: the oldest open transaction of
// another client backend of this database (autovacuum's own are ignored by
// other vacuums, and ours is this statement); c: client backends by state.
// Everything reads statistics views and file sizes, never the table itself.
const auto healthSql =
    u"WITH t AS (SELECT relid, n_live_tup, n_dead_tup, last_autovacuum, last_vacuum, last_autoanalyze, "
    u"                  autovacuum_count "
    u"             FROM pg_stat_user_tables WHERE schemaname = 'queuedesk' AND relname = 'jobs'), "
    u"x AS (SELECT pid, extract(epoch FROM now() - xact_start)::double precision AS age, state, application_name, "
    u"             left(query, 200) AS query, backend_xid IS NOT NULL OR backend_xmin IS NOT NULL AS holds "
    u"        FROM pg_stat_activity "
    u"       WHERE datname = current_database() AND backend_type = 'client backend' "
    u"         AND xact_start IS NOT NULL AND pid <> pg_backend_pid() "
    u"       ORDER BY xact_start LIMIT 1), "
    u"c AS (SELECT coalesce(jsonb_object_agg(st, n), '{}') AS by_state, coalesce(sum(n), 0)::bigint AS total, "
    u"             coalesce(sum(w), 0)::bigint AS waiting "
    u"        FROM (SELECT coalesce(state, 'unknown') AS st, count(*) AS n, "
    u"                     count(*) FILTER (WHERE wait_event_type = 'Lock') AS w "
    u"                FROM pg_stat_activity "
    u"               WHERE datname = current_database() AND backend_type = 'client backend' GROUP BY 1) s) "
    u"SELECT t.relid IS NOT NULL, t.n_live_tup, t.n_dead_tup, t.last_autovacuum, t.last_vacuum, "
    u"       t.last_autoanalyze, t.autovacuum_count, pg_table_size(t.relid), "
    u"       (SELECT coalesce(jsonb_agg(jsonb_build_array(i.indexrelname, pg_relation_size(i.indexrelid)) "
    u"                                  ORDER BY pg_relation_size(i.indexrelid) DESC, i.indexrelname), '[]') "
    u"          FROM pg_stat_user_indexes i WHERE i.relid = t.relid)::text, "
    u"       x.pid, x.age, x.state, x.application_name, x.query, x.holds, "
    u"       c.by_state::text, c.total, c.waiting, current_setting('max_connections')::bigint, now() "
    u"  FROM c LEFT JOIN t ON true LEFT JOIN x ON true"_s;

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
