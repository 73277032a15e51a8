#include "healthrules.h"

#include "engine/scheduler/healththresholds.h"

namespace QueueDesk {

QString HealthRules::duration(double ms)
{
    if (ms < 1000)
        return u"%1 ms"_s.arg(qRound(ms));
    if (ms < 120000)
        return u"%1 s"_s.arg(ms / 1000, 0, 'f', 1);
    return u"%1 min"_s.arg(ms / 60000, 0, 'f', 1);
}

QueueHealth HealthRules::evaluate(const HealthFacts &f)
{
    const HealthThresholds t = HealthThresholds::fromJson(f.thresholds);
    QueueHealth health;
    health.queue = f.queue;
    const qint64 finished = f.completedLastHour + f.failedLastHour;
    if (t.failureRate && finished >= qMax(1, t.failureMinJobs)) {
        const double rate = double(f.failedLastHour) / double(finished);
        if (rate > *t.failureRate)
            health.reasons.append({u"failure_rate"_s, HealthState::Error,
                                   u"%1% of the last hour's %2 finished jobs failed (more than %3%)."_s
                                       .arg(rate * 100, 0, 'f', 1).arg(finished).arg(*t.failureRate * 100)});
    }
    if (t.noWorker && f.waiting > 0 && !f.paused && f.liveWorkers == 0)
        health.reasons.append({u"no_worker"_s, HealthState::Error,
                               u"%1 jobs are waiting but no live worker serves this queue."_s.arg(f.waiting)});
    if (t.maxWaiting && f.waiting > *t.maxWaiting)
        health.reasons.append({u"max_waiting"_s, HealthState::Warning,
                               u"%1 jobs are waiting (more than %2)."_s.arg(f.waiting).arg(*t.maxWaiting)});
    // slowJobs was counted with the queue's own factor (HealthStore::facts).
    if (t.slowFactor && f.avgRuntimeMs >= 0 && finished >= qMax(1, t.slowMinJobs) && f.slowJobs > 0)
        health.reasons.append({u"slow_jobs"_s, HealthState::Warning,
                               u"%1 jobs have run longer than %2x the average runtime (%3)."_s
                                   .arg(f.slowJobs).arg(f.slowFactor).arg(duration(f.avgRuntimeMs))});
    for (const HealthReason &reason : std::as_const(health.reasons))
        health.state = qMax(health.state, reason.level);
    return health;
}

} // namespace QueueDesk
