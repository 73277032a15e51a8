#pragma once

#include "queue/schedule.h"

#include <QDateTime>
#include <QTimeZone>

namespace QueueDesk {

class CronExpression;

// What the leader does with one due schedule: which fire gets a job, and
// where next_run_at goes on. A fire older than `missedAfterMs` at `now` was
// missed (no engine ran then); a younger one is merely late (the poll
// interval, a leader takeover) and fires as usual.
struct FirePlan
{
    QDateTime fireAt;      // UTC; the fire a job is enqueued for; invalid: none
    QDateTime nextRunAt;   // UTC; invalid: the expression never fires again

    // Missed fires by policy: skip drops them and fires only a fire that
    // is still on time; catch_up_once enqueues one job for them (keyed by
    // the first missed fire) and goes on from the fire after `now - grace`,
    // which fires on the next pass if it is on time.
    static FirePlan decide(const CronExpression &cron, const QTimeZone &zone, const QDateTime &due,
                           MissedPolicy policy, const QDateTime &now, qint64 missedAfterMs);
};

} // namespace QueueDesk
