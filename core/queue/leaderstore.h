#pragma once

#include "util/error.h"

#include <QSqlDatabase>

namespace QueueDesk {

// Scheduler leadership: a session-level advisory lock on a connection kept
// for it, so the lock lasts exactly as long as the leader's session (a
// killed process releases it with its socket), and the leader's flag in
// queuedesk.workers.
class LeaderStore final
{
public:
    // pg_advisory lock key: "QDleader" as a 64-bit number.
    static constexpr qint64 LockKey = 0x51446c6561646572;

    explicit LeaderStore(QSqlDatabase db);

    // True when this session took (or already held) the lock. Session
    // locks stack, so call it only while not holding the lock.
    Result<bool> tryLock();
    Status unlock();
    // One round trip: the session, and so the lock, is still there.
    Status ping();
    // is_leader for this worker only (others cleared, so a leader that died
    // without clearing its flag stops showing).
    Status markLeader(const QString &workerId);
    Status clearLeader(const QString &workerId);
    // The backend holding the lock in this database; 0 when nobody does.
    Result<qint64> holderPid();

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
