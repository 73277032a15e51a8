#include "workercli.h"

#include "databaseoptions.h"
#include "db/database.h"
#include "db/migrator.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTextStream>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcCli, "queuedesk.cli", QtInfoMsg)

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

} // namespace

QList<WorkerCli::Entry> WorkerCli::commands()
{
    return {
        {u"run"_s, u"Run the job engine until SIGTERM or SIGINT."_s, [this](const QStringList &a) { return runEngine(a); }},
        {u"migrate"_s, u"Create or upgrade the QueueDesk schema."_s, [this](const QStringList &a) { return migrate(a); }},
        {u"enqueue"_s, u"Add one job from options, or many from JSON lines on stdin."_s,
         [this](const QStringList &a) { return enqueue(a); }},
        {u"stats"_s, u"Jobs per queue and state, throughput and timings."_s, [this](const QStringList &a) { return stats(a); }},
        {u"queues"_s, u"List the queues and their settings."_s, [this](const QStringList &a) { return queues(a); }},
        {u"schedule"_s, u"Cron schedules: add, list, remove, trigger, enable, disable."_s,
         [this](const QStringList &a) { return schedule(a); }},
        {u"requeue-failed"_s, u"Put failed jobs back to waiting (all, or by queue, type, store, error)."_s,
         [this](const QStringList &a) { return requeueFailed(a); }},
    };
}

int WorkerCli::usage(int code)
{
    QTextStream &stream = code == ExitOk ? out() : err();
    stream << "Usage: queuedesk-worker <command> [options]\n\nCommands:\n";
    for (const Entry &entry : commands())
        stream << "  " << entry.name.leftJustified(16) << entry.summary << '\n';
    stream << "\nOptions:\n"
              "  -h, --help      Show this help.\n"
              "  -v, --version   Show the version.\n"
              "\nRun 'queuedesk-worker <command> --help' for a command's options.\n"
              "\nCommands connect with --dsn DSN, --dsn-file FILE, $QUEUEDESK_DSN or --local DIR. Every local\n"
              "user can read --dsn in ps: keep a password in --dsn-file, $QUEUEDESK_DSN or ~/.pgpass.\n";
    stream.flush();
    return code;
}

int WorkerCli::run(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return usage(ExitUsage);
    const QString name = arguments.at(1);
    if (name == u"--help" || name == u"-h" || name == u"help")
        return usage(ExitOk);
    if (name == u"--version" || name == u"-v") {
        out() << "queuedesk-worker " << QCoreApplication::applicationVersion() << '\n';
        return ExitOk;
    }
    for (const Entry &entry : commands()) {
        if (entry.name == name)
            return entry.run(arguments.mid(1));
    }
    err() << "Unknown command \"" << name << "\".\n\n";
    return usage(ExitUsage);
}

// QCommandLineParser's usage line names argv[0] only ("./queuedesk-worker
// [options]"): name the program and the command, as the user types them
// (and as the man page, made from this text, shows them).
QString WorkerCli::commandHelp(const QCommandLineParser &parser, const QString &command)
{
    const QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(u'\n');
    const qsizetype options = text.left(lineEnd).indexOf(u" [options]"_s);
    if (options < 0)
        return text;
    return u"Usage: queuedesk-worker "_s + command + text.mid(options);
}

int WorkerCli::fail(const Error &error)
{
    err() << "error: " << error.message << '\n';
    if (!error.detail.isEmpty())
        err() << "  " << error.detail << '\n';
    err().flush();
    return exitCodeFor(error);
}

int WorkerCli::usageError(const Error &error)
{
    fail(error);
    return ExitUsage;
}

int WorkerCli::withDatabase(QCommandLineParser &parser, const QStringList &args, bool migrate,
                            const std::function<int(QSqlDatabase &, const ConnectionSettings &)> &body,
                            const std::function<Status()> &readOptions)
{
    DatabaseOptions::addTo(parser);
    // Not addHelpOption(): it also offers --help-all, which parse() leaves to
    // us, and a command that ignored it would run instead of helping.
    parser.addOption({{u"h"_s, u"help"_s}, u"Show this help."_s});
    if (!parser.parse(args)) {
        err() << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out() << commandHelp(parser, args.value(0));
        return ExitOk;
    }
    if (readOptions) {
        if (Status read = readOptions(); !read)
            return usageError(read.error());
    }
    auto options = DatabaseOptions::fromParser(parser);
    if (!options)
        return usageError(options.error());
    auto settings = options->resolve();
    if (!settings)
        return fail(settings.error());
    const QString connection = u"cli"_s;
    int code = ExitOk;
    {
        auto db = Database::open(settings.value(), connection);
        if (!db)
            return fail(db.error());
        Migrator migrator(db.value());
        auto state = migrator.state();
        if (!state)
            return fail(state.error());
        if (state->tooNew())
            code = fail(Error(Error::Code::SchemaTooNew, u"The database's schema is newer than this program."_s));
        else if (state->needsMigration() && (migrate || options->isLocal())) {
            if (auto applied = migrator.migrate(); !applied)
                code = fail(applied.error());
        } else if (state->needsMigration()) {
            code = fail(Error(Error::Code::SchemaMissing,
                              u"The QueueDesk schema is missing or old here: run 'queuedesk-worker migrate'."_s));
        }
        if (code == ExitOk)
            code = body(db.value(), settings.value());
    }
    Database::close(connection);
    return code;
}

int WorkerCli::migrate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Create or upgrade the QueueDesk schema and print its version. "
                                     u"Stop the workers before upgrading a schema they use."_s);
    return withDatabase(parser, args, true, [](QSqlDatabase &db, const ConnectionSettings &) {
        auto state = Migrator(db).state();
        out() << "schema at version " << state->current << " (latest " << state->latest << ")\n";
        return int(ExitOk);
    });
}

int WorkerCli::queues(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"List the queues and their settings."_s);
    return withDatabase(parser, args, false, [this](QSqlDatabase &db, const ConnectionSettings &) {
        auto list = QueueStore(db).list();
        if (!list)
            return fail(list.error());
        auto optional = [](const std::optional<int> &v) { return v ? QString::number(*v) : u"-"_s; };
        out() << u"%1 %2 %3 %4 %5 %6\n"_s.arg(u"queue"_s, -20).arg(u"paused"_s, -7).arg(u"concurrency"_s, -12)
                     .arg(u"rate/min"_s, -9).arg(u"per-store"_s, -10).arg(u"attempts"_s);
        for (const QueueConfig &q : list.value()) {
            out() << u"%1 %2 %3 %4 %5 %6\n"_s.arg(q.name, -20).arg(q.paused ? u"yes"_s : u"no"_s, -7)
                         .arg(optional(q.concurrency), -12).arg(optional(q.rateLimit), -9)
                         .arg(optional(q.perStoreLimit), -10).arg(q.maxAttempts);
        }
        return int(ExitOk);
    });
}

} // namespace QueueDesk
