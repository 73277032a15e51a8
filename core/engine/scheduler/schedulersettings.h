#pragma once

#include <memory>

namespace QueueDesk {

class Clock;

// The timings of an engine's scheduler. Every engine runs one; only the
// leader (an advisory lock) does the periodic work.
struct SchedulerSettings
{
    bool enabled = true;
    int leaderCheckIntervalMs = 5000;     // a dead leader's successor takes over within this
    int tickIntervalMs = 1000;            // due schedules and delayed jobs (the engine's poll interval)
    int samplingIntervalMs = 10000;       // metrics rows and health rules
    int rescueIntervalMs = 10000;         // stalled-job rescue
    int maintenanceIntervalMs = 60000;    // retention, expired locks, pruning
    qint64 metricsRetentionSeconds = 7 * 86400;
    qint64 healthEventRetentionSeconds = 30 * 86400;
    qint64 workerPruneSeconds = 86400;    // workers silent this long are deleted
    qint64 workerStaleSeconds = 60;       // health: a live worker's heartbeat is younger
    qint64 missedAfterMs = 60000;         // a fire later than this was missed (missed-run policy)
    int topStores = 10;                   // stores per queue in a metrics row
    std::shared_ptr<const Clock> clock;   // the time of day for schedules; null: the system clock
};

} // namespace QueueDesk
