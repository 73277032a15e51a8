#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QString>
#include <QStringList>

namespace QueueDesk {

// A private PostgreSQL cluster in a folder of our own: initdb'd on first use,
// reachable only through a unix socket (no TCP), started, reused and stopped.
// The desktop app runs on one when no server is configured; the tests start
// a throwaway one. PostgreSQL refuses to run as root, so as root the server
// runs as the user that owns an existing cluster, and a new one as the
// "queuedesk" system user where the worker package made it, else as
// "postgres" (QUEUEDESK_PG_USER overrides all of this).
class LocalCluster final
{
public:
    struct Options
    {
        bool durable = true;        // false: fsync off, for throwaway test clusters
        QString extraConfig;        // more postgresql.conf lines
    };

    explicit LocalCluster(QString dataDir, Options options);
    explicit LocalCluster(QString dataDir) : LocalCluster(std::move(dataDir), Options{}) {}

    // Finds initdb and pg_ctl: $QUEUEDESK_PG_BIN, Debian's newest
    // /usr/lib/postgresql/N/bin, then PATH.
    static Result<QString> findBinDir();

    Status ensureStarted();   // initdb if needed, start unless running
    Status stop();
    bool isRunning() const;
    bool isInitialised() const;

    QString dataDir() const { return m_dataDir; }
    QString socketDir() const { return m_socketDir; }
    QString logFile() const;
    ConnectionSettings connectionSettings(const QString &database = u"queuedesk"_s) const;

private:
    Status init();
    Status start();
    Status prepareDirectories();
    Status claimSocketDir(const QString &serverUser) const;
    Result<QString> run(const QString &program, const QStringList &args, int timeoutMs = 120000) const;
    QString runAsUser() const;

    QString m_dataDir;
    QString m_socketDir;
    Options m_options;
    QString m_binDir;
};

} // namespace QueueDesk
