#include "workerconfig.h"

#include <QFileInfo>
#include <QSettings>

namespace QueueDesk {

void WorkerConfig::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"config"_s, u"Read settings from this INI file (flags override it)."_s, u"file"_s},
        {u"queues"_s, u"Queues and executors each: name:concurrency,... (default: default:4)."_s, u"spec"_s},
        {u"poll-interval"_s, u"Poll the database this often besides LISTEN, in ms (default 1000)."_s, u"ms"_s},
        {u"batch-size"_s, u"Most jobs taken per claim (default 100)."_s, u"n"_s},
        {u"lease"_s, u"Lease of a claimed job in seconds, extended by heartbeats (default 60)."_s, u"seconds"_s},
        {u"shutdown-timeout"_s, u"On SIGTERM, let running jobs finish this long, in ms (default 30000)."_s, u"ms"_s},
        {u"enable-command"_s, u"Allow the command handler, for these programs (comma-separated)."_s, u"programs"_s},
        {u"enable-sql"_s, u"Allow the sql handler (calls functions in the queue's database)."_s},
    });
}

Result<QMap<QString, int>> WorkerConfig::parseQueues(const QString &spec)
{
    QMap<QString, int> queues;
    for (const QString &part : spec.split(u',', Qt::SkipEmptyParts)) {
        const QStringList pieces = part.trimmed().split(u':');
        bool ok = true;
        const int concurrency = pieces.size() > 1 ? pieces.at(1).toInt(&ok) : 1;
        if (pieces.size() > 2 || pieces.at(0).isEmpty() || !ok || concurrency < 1)
            return Error(Error::Code::InvalidArgument,
                         u"\"%1\" is not name:concurrency (a positive number of executors)."_s.arg(part.trimmed()));
        queues.insert(pieces.at(0), concurrency);
    }
    if (queues.isEmpty())
        return Error(Error::Code::InvalidArgument, u"No queues given."_s);
    return queues;
}

Result<WorkerConfig> WorkerConfig::fromParser(const QCommandLineParser &parser)
{
    WorkerConfig config;
    QString queueSpec = u"default:4"_s;
    QStringList allow;
    if (parser.isSet(u"config"_s)) {
        const QString path = parser.value(u"config"_s);
        if (!QFileInfo(path).isReadable())
            return Error(Error::Code::InvalidArgument, u"Cannot read the config file %1."_s.arg(path));
        QSettings file(path, QSettings::IniFormat);
        queueSpec = file.value(u"worker/queues"_s, queueSpec).toStringList().join(u',');
        config.engine.pollIntervalMs = file.value(u"worker/poll_interval_ms"_s, config.engine.pollIntervalMs).toInt();
        config.engine.batchSize = file.value(u"worker/batch_size"_s, config.engine.batchSize).toInt();
        config.engine.leaseSeconds = file.value(u"worker/lease_seconds"_s, config.engine.leaseSeconds).toInt();
        config.shutdownTimeoutMs = file.value(u"worker/shutdown_timeout_ms"_s, config.shutdownTimeoutMs).toInt();
        config.handlers.commandEnabled = file.value(u"handlers/command_enabled"_s, false).toBool();
        allow = file.value(u"handlers/command_allow"_s).toStringList();
        config.handlers.sqlEnabled = file.value(u"handlers/sql_enabled"_s, false).toBool();
        config.handlers.httpTimeoutMs = file.value(u"handlers/http_timeout_ms"_s, config.handlers.httpTimeoutMs).toInt();
    }
    auto number = [&parser](const QString &name, int &target) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        target = parser.value(name).toInt(&ok);
        return ok && target > 0;
    };
    if (parser.isSet(u"queues"_s))
        queueSpec = parser.value(u"queues"_s);
    if (!number(u"poll-interval"_s, config.engine.pollIntervalMs) || !number(u"batch-size"_s, config.engine.batchSize)
        || !number(u"lease"_s, config.engine.leaseSeconds) || !number(u"shutdown-timeout"_s, config.shutdownTimeoutMs))
        return Error(Error::Code::InvalidArgument, u"Intervals, sizes and timeouts must be positive numbers."_s);
    if (parser.isSet(u"enable-command"_s)) {
        config.handlers.commandEnabled = true;
        allow = parser.value(u"enable-command"_s).split(u',', Qt::SkipEmptyParts);
    }
    for (const QString &program : std::as_const(allow))
        config.handlers.commandAllowList.append(program.trimmed());
    if (parser.isSet(u"enable-sql"_s))
        config.handlers.sqlEnabled = true;
    auto queues = parseQueues(queueSpec);
    if (!queues)
        return queues.error();
    config.engine.queues = queues.value();
    config.engine.heartbeatIntervalMs = qMin(5000, config.engine.leaseSeconds * 1000 / 3);
    return config;
}

} // namespace QueueDesk
