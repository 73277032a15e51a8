#include "healththresholds.h"

#include "util/error.h"

namespace QueueDesk {

namespace {

// Missing: the default; null (or not a number): off.
template<typename T>
std::optional<T> optionalNumber(const QJsonObject &health, const QString &key, std::optional<T> fallback)
{
    if (!health.contains(key))
        return fallback;
    const QJsonValue value = health.value(key);
    return value.isDouble() ? std::optional<T>(static_cast<T>(value.toDouble())) : std::nullopt;
}

} // namespace

HealthThresholds HealthThresholds::fromJson(const QJsonObject &health)
{
    HealthThresholds t;
    t.failureRate = optionalNumber<double>(health, u"failure_rate"_s, t.failureRate);
    t.failureMinJobs = health.value(u"failure_min_jobs"_s).toInt(t.failureMinJobs);
    t.maxWaiting = optionalNumber<qint64>(health, u"max_waiting"_s, t.maxWaiting);
    t.slowFactor = optionalNumber<double>(health, u"slow_factor"_s, t.slowFactor);
    t.slowMinJobs = health.value(u"slow_min_jobs"_s).toInt(t.slowMinJobs);
    t.noWorker = health.value(u"no_worker"_s).toBool(t.noWorker);
    return t;
}

} // namespace QueueDesk
