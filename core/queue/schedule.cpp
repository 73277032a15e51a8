#include "schedule.h"

namespace QueueDesk {

QString missedPolicyName(MissedPolicy policy)
{
    return policy == MissedPolicy::CatchUpOnce ? u"catch_up_once"_s : u"skip"_s;
}

std::optional<MissedPolicy> missedPolicyFromName(QStringView name)
{
    if (name == u"skip")
        return MissedPolicy::Skip;
    if (name == u"catch_up_once" || name == u"catch-up" || name == u"catch-up-once")
        return MissedPolicy::CatchUpOnce;
    return std::nullopt;
}

} // namespace QueueDesk
