#include "lockstore.h"

#include "db/database.h"

#include <QRandomGenerator>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

QString newToken()
{
    // From the system's generator: a token must not be guessable by
    // another process that wants to release someone else's lock.
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

Status validate(const QString &key, int ttlSeconds)
{
    if (key.isEmpty())
        return Error(Error::Code::InvalidArgument, u"A lock needs a key."_s);
    if (ttlSeconds <= 0)
        return Error(Error::Code::InvalidArgument, u"A lock must live at least one second."_s);
    return {};
}

} // namespace

LockStore::LockStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QString> LockStore::acquire(const QString &key, int ttlSeconds)
{
    if (Status valid = validate(key, ttlSeconds); !valid)
        return valid.error();
    const QString token = newToken();
    auto taken = Database::exec(
        m_db,
        u"INSERT INTO queuedesk.locks AS l (key, owner_token, acquired_at, expires_at) "
        u"VALUES (?, ?, now(), now() + make_interval(secs => ?)) "
        u"ON CONFLICT (key) DO UPDATE SET owner_token = EXCLUDED.owner_token, acquired_at = EXCLUDED.acquired_at, "
        u"    expires_at = EXCLUDED.expires_at "
        u"  WHERE l.expires_at < now() "
        u"RETURNING l.owner_token"_s,
        {key, token, ttlSeconds});
    if (!taken)
        return taken.error();
    if (taken.value().next())
        return token;
    // Only to word the refusal; the hold may have ended since.
    auto holder = Database::exec(m_db, u"SELECT to_char(expires_at, 'YYYY-MM-DD HH24:MI:SS TZ'), "
                                       u"ceil(extract(epoch FROM expires_at - now()))::bigint "
                                       u"FROM queuedesk.locks WHERE key = ?"_s, {key});
    if (holder && holder.value().next())
        return Error(Error::Code::LockHeld,
                     u"The lock \"%1\" is held by someone else until %2 (in %3 s)."_s.arg(
                         key, holder.value().value(0).toString(), QString::number(holder.value().value(1).toLongLong())));
    return Error(Error::Code::LockHeld, u"The lock \"%1\" is held by someone else."_s.arg(key));
}

Status LockStore::release(const QString &key, const QString &token)
{
    auto released = Database::exec(m_db, u"DELETE FROM queuedesk.locks WHERE key = ? AND owner_token = ? RETURNING key"_s,
                                   {key, token});
    if (!released)
        return released.error();
    if (!released.value().next())
        return notYours(key);
    return {};
}

Status LockStore::extend(const QString &key, const QString &token, int ttlSeconds)
{
    if (Status valid = validate(key, ttlSeconds); !valid)
        return valid;
    // A lapsed lock still under our token was never taken by anyone else
    // (a takeover changes the token), so extending it is safe.
    auto extended = Database::exec(m_db, u"UPDATE queuedesk.locks SET expires_at = now() + make_interval(secs => ?) "
                                         u"WHERE key = ? AND owner_token = ? RETURNING key"_s,
                                   {ttlSeconds, key, token});
    if (!extended)
        return extended.error();
    if (!extended.value().next())
        return notYours(key);
    return {};
}

Result<qint64> LockStore::purgeExpired()
{
    auto purged = Database::exec(m_db, u"WITH d AS (DELETE FROM queuedesk.locks WHERE expires_at < now() RETURNING 1) "
                                       u"SELECT count(*) FROM d"_s);
    if (!purged)
        return purged.error();
    purged.value().next();
    return purged.value().value(0).toLongLong();
}

Error LockStore::notYours(const QString &key)
{
    auto held = Database::exec(m_db, u"SELECT 1 FROM queuedesk.locks WHERE key = ?"_s, {key});
    if (held && held.value().next())
        return Error(Error::Code::LockHeld, u"The lock \"%1\" is held by someone else; only its owner can change it."_s.arg(key));
    return Error(Error::Code::NotFound, u"There is no lock \"%1\"; it was released or taken over."_s.arg(key));
}

} // namespace QueueDesk
