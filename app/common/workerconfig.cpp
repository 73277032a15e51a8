#include "workerconfig.h"

#include "engine/enginesettingsvalidator.h"
#include "numberoption.h"

#include <QFileInfo>
#include <QSettings>

namespace QueueDesk {

namespace {

using Setting = EngineSettingsValidator::Setting;
using Range = EngineSettingsValidator::Range;

// One numeric setting: its flag (none for the handlers' timeouts), its INI
// key and the field it fills.
struct NumberSetting
{
    Setting setting;
    QString flag;
    QString key;
    int &(*field)(WorkerConfig &);
};

const NumberSetting numberSettings[] = {
    {Setting::PollInterval, u"poll-interval"_s, u"worker/poll_interval_ms"_s,
     [](WorkerConfig &c) -> int & { return c.engine.pollIntervalMs; }},
    {Setting::BatchSize, u"batch-size"_s, u"worker/batch_size"_s,
     [](WorkerConfig &c) -> int & { return c.engine.batchSize; }},
    {Setting::LeaseSeconds, u"lease"_s, u"worker/lease_seconds"_s,
     [](WorkerConfig &c) -> int & { return c.engine.leaseSeconds; }},
    {Setting::HeartbeatInterval, u"heartbeat-interval"_s, u"worker/heartbeat_interval_ms"_s,
     [](WorkerConfig &c) -> int & { return c.engine.heartbeatIntervalMs; }},
    {Setting::ShutdownTimeout, u"shutdown-timeout"_s, u"worker/shutdown_timeout_ms"_s,
     [](WorkerConfig &c) -> int & { return c.shutdownTimeoutMs; }},
    {Setting::HttpTimeout, {}, u"handlers/http_timeout_ms"_s,
     [](WorkerConfig &c) -> int & { return c.handlers.httpTimeoutMs; }},
    {Setting::CommandTimeout, {}, u"handlers/command_timeout_ms"_s,
     [](WorkerConfig &c) -> int & { return c.handlers.commandTimeoutMs; }},
    {Setting::SqlTimeout, {}, u"handlers/sql_timeout_ms"_s,
     [](WorkerConfig &c) -> int & { return c.handlers.sqlTimeoutMs; }},
};

const QString queuesKey = u"worker/queues"_s;
const QString commandEnabledKey = u"handlers/command_enabled"_s;
const QString commandAllowKey = u"handlers/command_allow"_s;
const QString sqlEnabledKey = u"handlers/sql_enabled"_s;

Error usage(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

// Reads the INI file, then the flags over it, remembering who set what so a
// message names the flag or the key the operator wrote.
class Reader final
{
public:
    explicit Reader(const QCommandLineParser &parser)
        : m_parser(parser)
    {}

    Result<WorkerConfig> read();

private:
    Status readFile(const QString &path);
    Status readFlags();
    Result<bool> boolean(const QSettings &file, const QString &key) const;
    QString iniName(const QString &key) const
    {
        const QString group = key.section(u'/', 0, 0);
        return u"%1 in [%2] of %3"_s.arg(key.section(u'/', 1), group, m_path);
    }
    static QString iniText(const QVariant &value)
    {
        // A value with commas comes back as a list: "1, 2" is not a number.
        return value.typeId() == QMetaType::QStringList ? value.toStringList().join(u',') : value.toString().trimmed();
    }

    const QCommandLineParser &m_parser;
    WorkerConfig m_config;
    EngineSettingsValidator::Names m_names;
    QString m_path;
    QString m_queueSpec = u"default:4"_s;
    QStringList m_allow;
    bool m_heartbeatGiven = false;
};

Result<WorkerConfig> Reader::read()
{
    if (m_parser.isSet(u"config"_s)) {
        if (Status ok = readFile(m_parser.value(u"config"_s)); !ok)
            return ok.error();
    }
    if (Status ok = readFlags(); !ok)
        return ok.error();
    auto queues = WorkerConfig::parseQueues(m_queueSpec, m_names.value(Setting::QueueConcurrency, u"--queues"_s));
    if (!queues)
        return queues.error();
    m_config.engine.queues = queues.value();
    if (!m_heartbeatGiven)
        m_config.engine.heartbeatIntervalMs = qMin(5000, m_config.engine.leaseSeconds * 1000 / 3);
    for (const QString &program : std::as_const(m_allow))
        m_config.handlers.commandAllowList.append(program.trimmed());
    if (Status ok = EngineSettingsValidator::validate(m_config.engine, m_names); !ok)
        return ok.error();
    if (Status ok = EngineSettingsValidator::validate(m_config.handlers, m_names); !ok)
        return ok.error();
    return m_config;
}

Status Reader::readFile(const QString &path)
{
    m_path = path;
    if (!QFileInfo(path).isFile() || !QFileInfo(path).isReadable())
        return usage(u"Cannot read the config file %1."_s.arg(path));
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError)
        return usage(u"The config file %1 is not a valid INI file."_s.arg(path));
    QStringList known{queuesKey, commandEnabledKey, commandAllowKey, sqlEnabledKey};
    for (const NumberSetting &n : numberSettings)
        known << n.key;
    for (const QString &key : file.allKeys()) {
        if (!known.contains(key))
            return usage(u"Unknown setting \"%1\" in the config file %2."_s.arg(key, path));
    }
    for (const NumberSetting &n : numberSettings) {
        if (!file.contains(n.key))
            continue;
        const Range r = EngineSettingsValidator::range(n.setting);
        auto value = NumberOption::wholeNumber(iniName(n.key), iniText(file.value(n.key)), r.min, r.max);
        if (!value)
            return value.error();
        n.field(m_config) = int(value.value());
        m_names.insert(n.setting, iniName(n.key));
        m_heartbeatGiven |= n.setting == Setting::HeartbeatInterval;
    }
    if (file.contains(queuesKey)) {
        m_queueSpec = file.value(queuesKey).toStringList().join(u',');
        m_names.insert(Setting::QueueConcurrency, iniName(queuesKey));
        m_names.insert(Setting::TotalConcurrency, iniName(queuesKey) + u" (all queues)"_s);
    }
    for (const auto &[key, target] : {std::pair{commandEnabledKey, &m_config.handlers.commandEnabled},
                                      std::pair{sqlEnabledKey, &m_config.handlers.sqlEnabled}}) {
        auto value = boolean(file, key);
        if (!value)
            return value.error();
        *target = value.value();
    }
    m_allow = file.value(commandAllowKey).toStringList();
    m_allow.removeAll(QString());
    return {};
}

// QVariant::toBool() reads "no" and "off" as true: a config saying
// command_enabled = no would have turned the command handler on.
Result<bool> Reader::boolean(const QSettings &file, const QString &key) const
{
    const QString text = iniText(file.value(key, u"false"_s)).toLower();
    if (text == u"true" || text == u"yes" || text == u"on" || text == u"1")
        return true;
    if (text == u"false" || text == u"no" || text == u"off" || text == u"0")
        return false;
    return usage(u"%1 must be true or false, not \"%2\"."_s.arg(iniName(key), text.left(40)));
}

Status Reader::readFlags()
{
    for (const NumberSetting &n : numberSettings) {
        if (n.flag.isEmpty() || !m_parser.isSet(n.flag))
            continue;
        const QString name = u"--"_s + n.flag;
        const Range r = EngineSettingsValidator::range(n.setting);
        auto value = NumberOption::wholeNumber(name, m_parser.value(n.flag), r.min, r.max);
        if (!value)
            return value.error();
        n.field(m_config) = int(value.value());
        m_names.insert(n.setting, name);
        m_heartbeatGiven |= n.setting == Setting::HeartbeatInterval;
    }
    if (m_parser.isSet(u"queues"_s)) {
        m_queueSpec = m_parser.value(u"queues"_s);
        m_names.insert(Setting::QueueConcurrency, u"--queues"_s);
        m_names.insert(Setting::TotalConcurrency, u"--queues (all queues)"_s);
    }
    if (m_parser.isSet(u"enable-command"_s)) {
        m_config.handlers.commandEnabled = true;
        m_allow = m_parser.value(u"enable-command"_s).split(u',', Qt::SkipEmptyParts);
    }
    if (m_parser.isSet(u"enable-sql"_s))
        m_config.handlers.sqlEnabled = true;
    return {};
}

} // namespace

void WorkerConfig::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"config"_s, u"Read settings from this INI file (flags override it)."_s, u"file"_s},
        {u"queues"_s, u"Queues and executors each: name:concurrency,... (default: default:4; 1-256 each, "
                      u"1024 in all)."_s,
         u"spec"_s},
        {u"poll-interval"_s, u"Poll the database this often besides LISTEN, in ms (50-600000, default 1000)."_s,
         u"ms"_s},
        {u"batch-size"_s, u"Most jobs taken per claim (1-1000, default 100)."_s, u"n"_s},
        {u"lease"_s, u"Lease of a claimed job in seconds, extended by heartbeats (2-86400, default 60)."_s,
         u"seconds"_s},
        {u"heartbeat-interval"_s, u"Extend the leases this often, in ms (100 to half the lease; default a third of "
                                  u"the lease, at most 5000)."_s,
         u"ms"_s},
        {u"shutdown-timeout"_s, u"On SIGTERM, let running jobs finish this long, in ms (0-3600000, default 30000)."_s,
         u"ms"_s},
        {u"enable-command"_s, u"Allow the command handler, for these programs (comma-separated)."_s, u"programs"_s},
        {u"enable-sql"_s, u"Allow the sql handler (calls functions in the queue's database)."_s},
    });
}

Result<QMap<QString, int>> WorkerConfig::parseQueues(const QString &spec, const QString &name)
{
    const auto [min, max] = EngineSettingsValidator::range(Setting::QueueConcurrency);
    QMap<QString, int> queues;
    for (const QString &part : spec.split(u',', Qt::SkipEmptyParts)) {
        const QStringList pieces = part.trimmed().split(u':');
        const QString queue = pieces.at(0).trimmed();
        if (pieces.size() > 2 || queue.isEmpty())
            return usage(u"%1: \"%2\" is not name:executors."_s.arg(name, part.trimmed().left(60)));
        if (queues.contains(queue))
            return usage(u"%1: the queue \"%2\" is given twice."_s.arg(name, queue));
        qint64 executors = 1;
        if (pieces.size() == 2) {
            auto parsed = NumberOption::wholeNumber(u"%1 (queue \"%2\")"_s.arg(name, queue), pieces.at(1).trimmed(),
                                                    min, max);
            if (!parsed)
                return parsed.error();
            executors = parsed.value();
        }
        queues.insert(queue, int(executors));
    }
    if (queues.isEmpty())
        return usage(u"%1: no queue given."_s.arg(name));
    return queues;
}

Result<WorkerConfig> WorkerConfig::fromParser(const QCommandLineParser &parser)
{
    return Reader(parser).read();
}

} // namespace QueueDesk
