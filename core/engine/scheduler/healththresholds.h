#pragma once

#include <QJsonObject>

#include <optional>

namespace QueueDesk {

// A queue's health thresholds, from queues.health: a missing key takes the
// default (the seeds' numbers), a JSON null switches the rule off.
struct HealthThresholds
{
    static constexpr double DefaultFailureRate = 0.10;
    static constexpr int DefaultFailureMinJobs = 10;
    static constexpr int DefaultMaxWaiting = 100;
    static constexpr double DefaultSlowFactor = 2.0;
    static constexpr int DefaultSlowMinJobs = 5;

    std::optional<double> failureRate = DefaultFailureRate;   // over the last hour
    int failureMinJobs = DefaultFailureMinJobs;                // finished in the hour before it counts
    std::optional<qint64> maxWaiting = DefaultMaxWaiting;
    std::optional<double> slowFactor = DefaultSlowFactor;      // x the hour's average runtime
    int slowMinJobs = DefaultSlowMinJobs;                      // finished in the hour for an average
    bool noWorker = true;                                      // waiting jobs but no live worker

    static HealthThresholds fromJson(const QJsonObject &health);
};

} // namespace QueueDesk
