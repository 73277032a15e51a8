#pragma once

#include "db/connectionsettings.h"
#include "exitcode.h"

#include <QCommandLineParser>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>

namespace QueueDesk {

// queuedesk-worker's subcommands. Each parses its own options after the
// shared ones (--dsn, --local) and returns an exit code.
class WorkerCli final
{
public:
    int run(const QStringList &arguments);

private:
    using Command = std::function<int(const QStringList &)>;
    struct Entry
    {
        QString name;
        QString summary;
        Command run;
    };

    QList<Entry> commands();
    int usage(int code);
    // Parses, reads the command's options (readOptions: its errors are usage
    // errors, found before any connection is made), connects (starting the
    // local cluster if needed), migrates when asked, and runs body on the
    // connection.
    int withDatabase(QCommandLineParser &parser, const QStringList &args, bool migrate,
                     const std::function<int(QSqlDatabase &, const ConnectionSettings &)> &body,
                     const std::function<Status()> &readOptions = {});
    // An operation's error: exit 1, 3 or 4 by its code.
    int fail(const Error &error);
    // A wrong command line (an option's value, a missing option): exit 2.
    int usageError(const Error &error);
    // The command's --help text, its usage line naming the command.
    static QString commandHelp(const QCommandLineParser &parser, const QString &command);

    int migrate(const QStringList &args);
    int enqueue(const QStringList &args);
    int queues(const QStringList &args);
    int runEngine(const QStringList &args);
    int requeueFailed(const QStringList &args);
    int stats(const QStringList &args);
    int schedule(const QStringList &args);
};

} // namespace QueueDesk
