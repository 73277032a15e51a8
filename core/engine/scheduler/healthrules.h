#pragma once

#include "queue/queuehealth.h"

namespace QueueDesk {

// Turns a queue's facts into its health. Errors are the rules under which
// work is lost or does not move at all:
//   failure_rate  more than 10% of the last hour's finished jobs failed for good
//   no_worker     jobs wait, the queue is not paused, and no live worker serves it
// Warnings are the rules under which work moves, but late:
//   max_waiting   more than 100 jobs waiting
//   slow_jobs     jobs running longer than 2x the queue's average runtime
// The state is the worst level among the reasons; thresholds per queue in
// queues.health (HealthThresholds).
class HealthRules final
{
public:
    static QueueHealth evaluate(const HealthFacts &facts);

private:
    static QString duration(double ms);
};

} // namespace QueueDesk
