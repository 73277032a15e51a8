#pragma once

#include "db/connectionsettings.h"
#include "queue/permissionstore.h"
#include "util/error.h"

#include <QObject>

namespace QueueDesk {

// "Test connection": connects once on a worker thread (never the GUI
// thread), reads the schema version and the role's privileges, and hangs
// up. Only the newest test's outcome is reported.
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    struct Outcome
    {
        Error error;
        int schemaCurrent = 0;
        int schemaLatest = 0;
        RolePermissions permissions;
    };

    explicit ConnectionTester(QObject *parent = nullptr);

    void test(const ConnectionSettings &settings);
    bool isRunning() const { return m_running; }

    // The check itself, on the calling thread.
    static Outcome check(const ConnectionSettings &settings);

signals:
    void finished(const QueueDesk::ConnectionTester::Outcome &outcome);

private:
    quint64 m_ticket = 0;
    bool m_running = false;
};

} // namespace QueueDesk
