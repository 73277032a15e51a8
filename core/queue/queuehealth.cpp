#include "queuehealth.h"

namespace QueueDesk {

QString healthStateName(HealthState state)
{
    switch (state) {
    case HealthState::Healthy:
        return u"healthy"_s;
    case HealthState::Warning:
        return u"warning"_s;
    case HealthState::Error:
        return u"error"_s;
    }
    return u"healthy"_s;
}

std::optional<HealthState> healthStateFromName(QStringView name)
{
    if (name == u"healthy")
        return HealthState::Healthy;
    if (name == u"warning")
        return HealthState::Warning;
    if (name == u"error")
        return HealthState::Error;
    return std::nullopt;
}

QJsonObject HealthReason::toJson() const
{
    return {{u"rule"_s, rule}, {u"level"_s, healthStateName(level)}, {u"message"_s, message}};
}

HealthReason HealthReason::fromJson(const QJsonObject &object)
{
    return {object.value(u"rule"_s).toString(),
            healthStateFromName(object.value(u"level"_s).toString()).value_or(HealthState::Warning),
            object.value(u"message"_s).toString()};
}

} // namespace QueueDesk
