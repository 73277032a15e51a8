#include "fireplan.h"

#include "engine/cron/cronexpression.h"

namespace QueueDesk {

FirePlan FirePlan::decide(const CronExpression &cron, const QTimeZone &zone, const QDateTime &due,
                          MissedPolicy policy, const QDateTime &now, qint64 missedAfterMs)
{
    const QDateTime graceStart = now.addMSecs(-missedAfterMs);
    if (due >= graceStart)
        return {due, cron.next(due, zone)};
    // The first fire at or after the grace start: on time if already due.
    const QDateTime recent = cron.next(graceStart.addMSecs(-1), zone);
    const bool onTime = recent.isValid() && recent <= now;
    if (policy == MissedPolicy::CatchUpOnce)
        return {due, recent};
    if (onTime)
        return {recent, cron.next(recent, zone)};
    return {QDateTime(), recent};
}

} // namespace QueueDesk
