#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QSqlDatabase>
#include <QString>

namespace QueueDesk {

// One engine's side of the leader election, on the thread that calls it:
// a connection of its own that holds the session-level advisory lock while
// this engine leads. check() keeps the state true to the database: it
// (re)connects, takes the lock when free, notices a lost session, and keeps
// queuedesk.workers.is_leader on this worker.
class LeaderElection final
{
public:
    LeaderElection(ConnectionSettings settings, QString workerId);
    ~LeaderElection();
    Q_DISABLE_COPY_MOVE(LeaderElection)

    // Returns whether this engine leads now.
    bool check();
    // Gives the lock back and clears the flag (shutdown).
    void resign();
    bool isLeader() const { return m_leader; }
    // Why the last check could not reach the database, if it could not.
    const Error &lastError() const { return m_lastError; }

private:
    bool connect();
    Status checkSession();
    void disconnect(const Error &why);

    ConnectionSettings m_settings;
    QString m_workerId;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_leader = false;
    Error m_lastError;
};

} // namespace QueueDesk
