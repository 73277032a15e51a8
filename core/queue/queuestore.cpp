#include "queuestore.h"

#include "db/database.h"
#include "queue/sqlvalues.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

QVariantList configBinds(const QueueConfig &c)
{
    return {c.paused, SqlValues::intOrNull(c.concurrency), SqlValues::intOrNull(c.rateLimit),
            SqlValues::intOrNull(c.perStoreLimit), SqlValues::intOrNull(c.storeConcurrency), c.maxAttempts,
            c.backoffBaseMs, c.backoffMaxMs, c.keepCompleted, c.keepCompletedAgeSeconds, c.keepFailed,
            c.keepFailedAgeSeconds, SqlValues::json(c.health), c.description, c.name};
}

std::optional<int> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<int>(value.toInt());
}

QueueConfig configFrom(const QSqlQuery &q)
{
    QueueConfig c;
    c.name = q.value(0).toString();
    c.paused = q.value(1).toBool();
    c.concurrency = optionalInt(q.value(2));
    c.rateLimit = optionalInt(q.value(3));
    c.perStoreLimit = optionalInt(q.value(4));
    c.storeConcurrency = optionalInt(q.value(5));
    c.maxAttempts = q.value(6).toInt();
    c.backoffBaseMs = q.value(7).toInt();
    c.backoffMaxMs = q.value(8).toInt();
    c.keepCompleted = q.value(9).toInt();
    c.keepCompletedAgeSeconds = q.value(10).toLongLong();
    c.keepFailed = q.value(11).toInt();
    c.keepFailedAgeSeconds = q.value(12).toLongLong();
    c.health = QJsonDocument::fromJson(q.value(13).toString().toUtf8()).object();
    c.description = q.value(14).toString();
    return c;
}

const auto selectColumns =
    u"SELECT name, paused, concurrency, rate_limit, per_store_limit, store_concurrency, max_attempts, "
    u"backoff_base_ms, backoff_max_ms, keep_completed, extract(epoch FROM keep_completed_age)::bigint, "
    u"keep_failed, extract(epoch FROM keep_failed_age)::bigint, health, description FROM queuedesk.queues "_s;

} // namespace

QueueStore::QueueStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QSqlQuery> QueueStore::exec(const QString &sql, const QVariantList &binds)
{
    return Database::exec(m_db, sql, binds);
}

Status QueueStore::expectOneRow(Result<QSqlQuery> &query, const QString &name)
{
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error(Error::Code::UnknownQueue, u"There is no queue named \"%1\"."_s.arg(name));
    return {};
}

Result<QList<QueueConfig>> QueueStore::list()
{
    auto rows = exec(selectColumns + u"ORDER BY name"_s);
    if (!rows)
        return rows.error();
    QList<QueueConfig> configs;
    while (rows.value().next())
        configs.append(configFrom(rows.value()));
    return configs;
}

Result<QueueConfig> QueueStore::get(const QString &name)
{
    auto row = exec(selectColumns + u"WHERE name = ?"_s, {name});
    if (Status found = expectOneRow(row, name); !found)
        return found.error();
    return configFrom(row.value());
}

Status QueueStore::create(const QueueConfig &config)
{
    if (Status valid = config.validate(); !valid)
        return valid;
    auto created = exec(
        u"INSERT INTO queuedesk.queues (paused, concurrency, rate_limit, per_store_limit, store_concurrency, "
        u"  max_attempts, backoff_base_ms, backoff_max_ms, keep_completed, keep_completed_age, keep_failed, "
        u"  keep_failed_age, health, description, name) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, make_interval(secs => ?), ?, make_interval(secs => ?), ?::jsonb, ?, ?) "
        u"ON CONFLICT (name) DO NOTHING RETURNING name"_s,
        configBinds(config));
    if (!created)
        return created.error();
    if (!created.value().next())
        return Error(Error::Code::InvalidArgument, u"A queue named \"%1\" already exists."_s.arg(config.name));
    return {};
}

Status QueueStore::update(const QueueConfig &config)
{
    if (Status valid = config.validate(); !valid)
        return valid;
    auto updated = exec(
        u"UPDATE queuedesk.queues SET paused = ?, concurrency = ?, rate_limit = ?, per_store_limit = ?, "
        u"  store_concurrency = ?, max_attempts = ?, backoff_base_ms = ?, backoff_max_ms = ?, keep_completed = ?, "
        u"  keep_completed_age = make_interval(secs => ?), keep_failed = ?, keep_failed_age = make_interval(secs => ?), "
        u"  health = ?::jsonb, description = ?, updated_at = now(), "
        u"  rate_tokens = NULL, rate_refilled_at = NULL "
        u"WHERE name = ? RETURNING name"_s,
        configBinds(config));
    return expectOneRow(updated, config.name);
}

Status QueueStore::remove(const QString &name, bool force)
{
    if (!m_db.transaction())
        return Database::errorFrom(m_db.lastError(), u"begin"_s);
    auto fail = [this](Error e) -> Status { m_db.rollback(); return e; };
    auto locked = exec(u"SELECT name FROM queuedesk.queues WHERE name = ? FOR UPDATE"_s, {name});
    if (Status found = expectOneRow(locked, name); !found)
        return fail(found.error());
    auto busy = exec(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = ? AND state IN ('scheduled','waiting','active')"_s, {name});
    if (!busy)
        return fail(busy.error());
    busy.value().next();
    const qint64 unfinished = busy.value().value(0).toLongLong();
    if (unfinished > 0 && !force)
        return fail(Error(Error::Code::WrongState,
                          u"Queue \"%1\" still has %2 unfinished jobs; cancel them or delete with force."_s
                              .arg(name).arg(unfinished)));
    if (auto jobs = exec(u"DELETE FROM queuedesk.jobs WHERE queue = ?"_s, {name}); !jobs)
        return fail(jobs.error());
    if (auto queue = exec(u"DELETE FROM queuedesk.queues WHERE name = ?"_s, {name}); !queue)
        return fail(queue.error());
    if (!m_db.commit())
        return fail(Database::errorFrom(m_db.lastError(), u"commit"_s));
    return {};
}

Status QueueStore::setPaused(const QString &name, bool paused)
{
    auto updated = exec(u"UPDATE queuedesk.queues SET paused = ?, updated_at = now() WHERE name = ? RETURNING name"_s,
                        {paused, name});
    if (Status found = expectOneRow(updated, name); !found)
        return found;
    if (!paused)
        (void)exec(u"SELECT pg_notify('queuedesk_jobs', ?)"_s, {name});   // a wake-up; losing it costs one poll
    return {};
}

Status QueueStore::setStoreWeight(const QString &queue, const QString &store, int weight)
{
    if (weight < 1)
        return Error(Error::Code::InvalidArgument, u"A store's weight must be at least 1."_s);
    auto known = exec(u"SELECT name FROM queuedesk.queues WHERE name = ?"_s, {queue});
    if (Status found = expectOneRow(known, queue); !found)
        return found;
    auto set = exec(u"INSERT INTO queuedesk.store_weights (queue, store, weight) VALUES (?, ?, ?) "
                    u"ON CONFLICT (queue, store) DO UPDATE SET weight = excluded.weight"_s,
                    {queue, store, weight});
    return set ? Status() : Status(set.error());
}

} // namespace QueueDesk
