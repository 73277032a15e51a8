#include "schedulestore.h"

#include "db/database.h"
#include "queue/sqlvalues.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

const auto columns =
    u"name, queue, type, payload, cron, timezone, enabled, priority, store, missed_policy, "
    u"last_run_at, next_run_at, created_at, updated_at"_s;

QDateTime utc(const QVariant &value)
{
    return value.isNull() ? QDateTime() : value.toDateTime().toUTC();
}

Schedule scheduleFrom(const QSqlQuery &q)
{
    Schedule s;
    s.name = q.value(0).toString();
    s.queue = q.value(1).toString();
    s.type = q.value(2).toString();
    s.payload = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    s.cron = q.value(4).toString();
    s.timezone = q.value(5).toString();
    s.enabled = q.value(6).toBool();
    s.priority = q.value(7).toInt();
    s.store = q.value(8).toString();
    s.missedPolicy = missedPolicyFromName(q.value(9).toString()).value_or(MissedPolicy::Skip);
    s.lastRunAt = utc(q.value(10));
    s.nextRunAt = utc(q.value(11));
    s.createdAt = utc(q.value(12));
    s.updatedAt = utc(q.value(13));
    return s;
}

Result<QList<Schedule>> schedulesFrom(Result<QSqlQuery> &rows)
{
    if (!rows)
        return rows.error();
    QList<Schedule> list;
    while (rows.value().next())
        list.append(scheduleFrom(rows.value()));
    return list;
}

} // namespace

ScheduleStore::ScheduleStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QSqlQuery> ScheduleStore::exec(const QString &sql, const QVariantList &binds)
{
    return Database::exec(m_db, sql, binds);
}

Status ScheduleStore::expectOneRow(Result<QSqlQuery> &query, const QString &name)
{
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error(Error::Code::NotFound, u"There is no schedule named \"%1\"."_s.arg(name));
    return {};
}

Status ScheduleStore::create(const Schedule &s)
{
    // Selecting from queues makes an unknown queue insert nothing, so the
    // two refusals can be told apart without parsing constraint names.
    auto inserted = exec(
        u"WITH q AS (SELECT name FROM queuedesk.queues WHERE name = ?), "
        u"ins AS (INSERT INTO queuedesk.schedules (name, queue, type, payload, cron, timezone, enabled, priority, "
        u"                                        store, missed_policy, next_run_at) "
        u"  SELECT ?, q.name, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::timestamptz FROM q "
        u"  ON CONFLICT (name) DO NOTHING RETURNING name) "
        u"SELECT (SELECT count(*) FROM q), (SELECT count(*) FROM ins)"_s,
        {s.queue, s.name, s.type, SqlValues::json(s.payload), s.cron, s.timezone, s.enabled, s.priority, s.store,
         missedPolicyName(s.missedPolicy), SqlValues::timestamp(s.nextRunAt)});
    if (!inserted)
        return inserted.error();
    inserted.value().next();
    if (inserted.value().value(0).toLongLong() == 0)
        return Error(Error::Code::UnknownQueue, u"There is no queue named \"%1\"."_s.arg(s.queue));
    if (inserted.value().value(1).toLongLong() == 0)
        return Error(Error::Code::InvalidArgument, u"A schedule named \"%1\" already exists."_s.arg(s.name));
    return {};
}

Status ScheduleStore::update(const Schedule &s)
{
    auto known = exec(u"SELECT 1 FROM queuedesk.queues WHERE name = ?"_s, {s.queue});
    if (!known)
        return known.error();
    if (!known.value().next())
        return Error(Error::Code::UnknownQueue, u"There is no queue named \"%1\"."_s.arg(s.queue));
    auto updated = exec(
        u"UPDATE queuedesk.schedules SET queue = ?, type = ?, payload = ?::jsonb, cron = ?, timezone = ?, "
        u"  enabled = ?, priority = ?, store = ?, missed_policy = ?, next_run_at = ?::timestamptz, updated_at = now() "
        u"WHERE name = ? RETURNING name"_s,
        {s.queue, s.type, SqlValues::json(s.payload), s.cron, s.timezone, s.enabled, s.priority, s.store,
         missedPolicyName(s.missedPolicy), SqlValues::timestamp(s.nextRunAt), s.name});
    return expectOneRow(updated, s.name);
}

Status ScheduleStore::remove(const QString &name)
{
    auto removed = exec(u"DELETE FROM queuedesk.schedules WHERE name = ? RETURNING name"_s, {name});
    return expectOneRow(removed, name);
}

Status ScheduleStore::setEnabled(const QString &name, bool enabled, const QDateTime &nextRunAt)
{
    auto updated = exec(u"UPDATE queuedesk.schedules SET enabled = ?, next_run_at = ?::timestamptz, updated_at = now() "
                        u"WHERE name = ? RETURNING name"_s,
                        {enabled, SqlValues::timestamp(nextRunAt), name});
    return expectOneRow(updated, name);
}

Result<Schedule> ScheduleStore::get(const QString &name)
{
    auto row = exec(u"SELECT %1 FROM queuedesk.schedules WHERE name = ?"_s.arg(columns), {name});
    if (Status found = expectOneRow(row, name); !found)
        return found.error();
    return scheduleFrom(row.value());
}

Result<QList<Schedule>> ScheduleStore::list()
{
    auto rows = exec(u"SELECT %1 FROM queuedesk.schedules ORDER BY name"_s.arg(columns));
    return schedulesFrom(rows);
}

Result<QList<Schedule>> ScheduleStore::due(const QDateTime &now, int limit)
{
    auto rows = exec(u"SELECT %1 FROM queuedesk.schedules WHERE enabled AND next_run_at <= ?::timestamptz "
                     u"ORDER BY next_run_at LIMIT ?"_s.arg(columns),
                     {SqlValues::timestamp(now), limit});
    return schedulesFrom(rows);
}

Result<bool> ScheduleStore::advance(const QString &name, const QDateTime &expectedNext, const QDateTime &newNext,
                                    const QDateTime &firedAt)
{
    auto moved = exec(u"UPDATE queuedesk.schedules SET next_run_at = ?::timestamptz, enabled = (?::timestamptz IS NOT NULL), "
                      u"  last_run_at = coalesce(?::timestamptz, last_run_at) "
                      u"WHERE name = ? AND enabled AND next_run_at = ?::timestamptz RETURNING name"_s,
                      {SqlValues::timestamp(newNext), SqlValues::timestamp(newNext), SqlValues::timestamp(firedAt), name,
                       SqlValues::timestamp(expectedNext)});
    if (!moved)
        return moved.error();
    return moved.value().next();
}

} // namespace QueueDesk
