#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QCommandLineParser>

#include <optional>

namespace QueueDesk {

// The --dsn / --dsn-file / --local options every command shares, and turning
// them into a connection: a server from a DSN (the flag, the first line of a
// file, or $QUEUEDESK_DSN), or the embedded local cluster, started and
// migrated on demand.
//
// A password in --dsn is visible to every local user in ps and
// /proc/PID/cmdline; --dsn-file, $QUEUEDESK_DSN or libpq's ~/.pgpass
// ($PGPASSFILE, used whenever the DSN has no password) keep it out of there.
// A DSN file that other users may read is refused, one that its group may
// read is used with a warning (a service's group often has to).
class DatabaseOptions final
{
public:
    static void addTo(QCommandLineParser &parser);
    // The embedded cluster's folder when none is given.
    static QString defaultLocalDir();

    // Reads and parses the DSN now: its errors are the command line's
    // (queuedesk-worker exits 2), and never hold the DSN.
    static Result<DatabaseOptions> fromParser(const QCommandLineParser &parser);
    // The DSN in a file: its first line that is neither empty nor a # comment.
    static Result<QString> readDsnFile(const QString &path);
    // Blanks --dsn's value in the process's own command line, which every
    // local user can read (ps, /proc/PID/cmdline), once the arguments are
    // copied. It was readable from exec until then.
    static void hideDsnFromPs(int argc, char **argv);

    // Starts the local cluster if that is what was asked for.
    Result<ConnectionSettings> resolve() const;
    bool isLocal() const { return !m_server.has_value(); }
    const QString &localDir() const { return m_localDir; }

private:
    DatabaseOptions() = default;

    std::optional<ConnectionSettings> m_server;
    QString m_localDir;
};

} // namespace QueueDesk
