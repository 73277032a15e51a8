#include "leaderstore.h"

#include "db/database.h"

#include <QSqlQuery>

namespace QueueDesk {

LeaderStore::LeaderStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<bool> LeaderStore::tryLock()
{
    auto locked = Database::exec(m_db, u"SELECT pg_try_advisory_lock(?)"_s, {LockKey});
    if (!locked)
        return locked.error();
    return locked.value().next() && locked.value().value(0).toBool();
}

Status LeaderStore::unlock()
{
    auto unlocked = Database::exec(m_db, u"SELECT pg_advisory_unlock(?)"_s, {LockKey});
    return unlocked ? Status() : Status(unlocked.error());
}

Status LeaderStore::ping()
{
    auto pong = Database::exec(m_db, u"SELECT 1"_s);
    return pong ? Status() : Status(pong.error());
}

Status LeaderStore::markLeader(const QString &workerId)
{
    auto marked = Database::exec(m_db, u"UPDATE queuedesk.workers SET is_leader = (id = ?) "
                                       u"WHERE is_leader IS DISTINCT FROM (id = ?)"_s,
                                 {workerId, workerId});
    return marked ? Status() : Status(marked.error());
}

Status LeaderStore::clearLeader(const QString &workerId)
{
    auto cleared = Database::exec(m_db, u"UPDATE queuedesk.workers SET is_leader = false WHERE id = ? AND is_leader"_s,
                                  {workerId});
    return cleared ? Status() : Status(cleared.error());
}

Result<qint64> LeaderStore::holderPid()
{
    // A bigint key shows in pg_locks as classid (high half), objid (low
    // half) and objsubid 1.
    auto holder = Database::exec(
        m_db,
        u"SELECT pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database AND d.datname = current_database() "
        u"WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        u"  AND l.classid::bigint = (? >> 32) AND l.objid::bigint = (? & 4294967295)"_s,
        {LockKey, LockKey});
    if (!holder)
        return holder.error();
    return holder.value().next() ? holder.value().value(0).toLongLong() : qint64(0);
}

} // namespace QueueDesk
