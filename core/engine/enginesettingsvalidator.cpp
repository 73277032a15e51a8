#include "enginesettingsvalidator.h"

#include <QLocale>

namespace QueueDesk {

namespace {

using Setting = EngineSettingsValidator::Setting;

QString nameOf(Setting setting, const EngineSettingsValidator::Names &names)
{
    return names.value(setting, EngineSettingsValidator::plainName(setting));
}

QString number(qint64 value)
{
    return QLocale::c().toString(value);
}

} // namespace

EngineSettingsValidator::Range EngineSettingsValidator::range(Setting setting)
{
    switch (setting) {
    // One executor thread each; the claim ahead is bounded by the batch.
    case Setting::QueueConcurrency: return {1, 256};
    case Setting::TotalConcurrency: return {1, 1024};
    // Each poll is a claim per queue: faster than 50 ms is a busy loop with
    // extra steps; LISTEN wakes the engine at once anyway.
    case Setting::PollInterval: return {50, 600'000};
    case Setting::BatchSize: return {1, 1000};
    // Whole seconds, so a day is 86,400,000 ms: far inside an int.
    case Setting::LeaseSeconds: return {2, 86'400};
    case Setting::HeartbeatInterval: return {100, 43'200'000};
    case Setting::ShutdownTimeout: return {0, 3'600'000};
    // As a payload's timeout_ms may say (core/engine/handlers).
    case Setting::HttpTimeout: return {1, 86'400'000};
    case Setting::CommandTimeout:
    case Setting::SqlTimeout: return {0, 7LL * 86'400'000};
    }
    Q_UNREACHABLE();
    return {0, 0};
}

QString EngineSettingsValidator::plainName(Setting setting)
{
    switch (setting) {
    case Setting::QueueConcurrency: return u"executors per queue"_s;
    case Setting::TotalConcurrency: return u"executors in all"_s;
    case Setting::PollInterval: return u"poll interval (ms)"_s;
    case Setting::BatchSize: return u"batch size"_s;
    case Setting::LeaseSeconds: return u"lease (seconds)"_s;
    case Setting::HeartbeatInterval: return u"heartbeat interval (ms)"_s;
    case Setting::ShutdownTimeout: return u"shutdown timeout (ms)"_s;
    case Setting::HttpTimeout: return u"HTTP timeout (ms)"_s;
    case Setting::CommandTimeout: return u"command timeout (ms)"_s;
    case Setting::SqlTimeout: return u"SQL timeout (ms)"_s;
    }
    Q_UNREACHABLE();
    return {};
}

Status EngineSettingsValidator::check(Setting setting, qint64 value, const QString &name)
{
    const Range r = range(setting);
    if (value >= r.min && value <= r.max)
        return {};
    return Error(Error::Code::InvalidArgument, u"%1 must be from %2 to %3, not %4."_s
                                                   .arg(name.isEmpty() ? plainName(setting) : name, number(r.min),
                                                        number(r.max), number(value)));
}

Status EngineSettingsValidator::validate(const EngineSettings &settings, const Names &names)
{
    const QString queuesName = nameOf(Setting::QueueConcurrency, names);
    if (settings.queues.isEmpty())
        return Error(Error::Code::InvalidArgument, u"%1: no queue given."_s.arg(queuesName));
    qint64 total = 0;
    for (auto it = settings.queues.cbegin(); it != settings.queues.cend(); ++it) {
        if (it.key().trimmed().isEmpty())
            return Error(Error::Code::InvalidArgument, u"%1: a queue needs a name."_s.arg(queuesName));
        if (Status ok = check(Setting::QueueConcurrency, it.value(), u"%1 (queue \"%2\")"_s.arg(queuesName, it.key()));
            !ok)
            return ok;
        total += it.value();
    }
    if (Status ok = check(Setting::TotalConcurrency, total, nameOf(Setting::TotalConcurrency, names)); !ok)
        return ok;
    const std::pair<Setting, qint64> values[] = {
        {Setting::PollInterval, settings.pollIntervalMs},
        {Setting::BatchSize, settings.batchSize},
        {Setting::LeaseSeconds, settings.leaseSeconds},
        {Setting::HeartbeatInterval, settings.heartbeatIntervalMs},
    };
    for (const auto &[setting, value] : values) {
        if (Status ok = check(setting, value, nameOf(setting, names)); !ok)
            return ok;
    }
    // A late heartbeat must not cost the jobs: the lease outlives two intervals.
    const qint64 leaseMs = qint64(settings.leaseSeconds) * 1000;
    if (qint64(settings.heartbeatIntervalMs) * 2 > leaseMs)
        return Error(Error::Code::InvalidArgument,
                     u"%1 must be at most half the lease (%2 = %3 s, so at most %4 ms), not %5."_s.arg(
                         nameOf(Setting::HeartbeatInterval, names), nameOf(Setting::LeaseSeconds, names),
                         number(settings.leaseSeconds), number(leaseMs / 2), number(settings.heartbeatIntervalMs)));
    // Not operator settings, but a zero here is the same busy loop.
    if (settings.ackDelayMs < 1 || settings.progressIntervalMs < 1 || settings.rescueIntervalMs < 1
        || settings.floorRescanMs < 1 || settings.reconnectMaxMs < 1)
        return Error(Error::Code::InvalidArgument, u"The engine's internal intervals must be positive."_s);
    return {};
}

Status EngineSettingsValidator::validate(const HandlerSettings &handlers, const Names &names)
{
    const std::pair<Setting, qint64> values[] = {
        {Setting::HttpTimeout, handlers.httpTimeoutMs},
        {Setting::CommandTimeout, handlers.commandTimeoutMs},
        {Setting::SqlTimeout, handlers.sqlTimeoutMs},
    };
    for (const auto &[setting, value] : values) {
        if (Status ok = check(setting, value, nameOf(setting, names)); !ok)
            return ok;
    }
    return {};
}

} // namespace QueueDesk
