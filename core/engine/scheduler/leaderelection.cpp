#include "leaderelection.h"

#include "db/database.h"
#include "queue/leaderstore.h"

#include <QLoggingCategory>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcLeader, "queuedesk.engine.leader", QtInfoMsg)

LeaderElection::LeaderElection(ConnectionSettings settings, QString workerId)
    : m_settings(std::move(settings))
    , m_workerId(std::move(workerId))
    , m_connectionName(u"qd-leader-"_s + m_workerId)
{
}

LeaderElection::~LeaderElection()
{
    resign();
}

bool LeaderElection::connect()
{
    if (m_db.isValid() && m_db.isOpen())
        return true;
    auto db = Database::open(m_settings, m_connectionName);
    if (!db) {
        m_lastError = db.error();
        return false;
    }
    m_db = db.value();
    return true;
}

void LeaderElection::disconnect(const Error &why)
{
    if (m_leader)
        qCWarning(lcLeader).noquote() << "worker" << m_workerId << "lost the scheduler leadership:" << why.toString();
    m_leader = false;
    m_lastError = why;
    m_db = QSqlDatabase();
    Database::close(m_connectionName);
}

bool LeaderElection::check()
{
    if (!connect())
        return false;
    // The store's copy of the connection must be gone before a disconnect
    // removes it, hence the split.
    if (Status checked = checkSession(); !checked) {
        disconnect(checked.error());
        return false;
    }
    m_lastError = Error();
    return m_leader;
}

Status LeaderElection::checkSession()
{
    LeaderStore store(m_db);
    if (m_leader) {
        // The lock lives as long as the session: a live session still holds it.
        if (Status alive = store.ping(); !alive)
            return alive;
    } else {
        auto locked = store.tryLock();
        if (!locked)
            return locked.error();
        m_leader = locked.value();
        if (m_leader)
            qCInfo(lcLeader).noquote() << "worker" << m_workerId << "leads the scheduler";
    }
    // Every check, so the flag appears once the dispatcher has registered
    // the worker row, and comes back if someone pruned it.
    if (m_leader)
        (void)store.markLeader(m_workerId);
    return {};
}

void LeaderElection::resign()
{
    if (m_leader && m_db.isOpen()) {
        LeaderStore store(m_db);
        (void)store.clearLeader(m_workerId);
        (void)store.unlock();
    }
    m_leader = false;
    if (m_db.isValid()) {
        m_db = QSqlDatabase();
        Database::close(m_connectionName);
    }
}

} // namespace QueueDesk
