#pragma once

#include "util/error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace QueueDesk {

enum class HealthState { Healthy, Warning, Error };

QString healthStateName(HealthState state);   // healthy, warning, error
std::optional<HealthState> healthStateFromName(QStringView name);

// Why a queue is not healthy: which rule, how bad, in plain words.
struct HealthReason
{
    QString rule;        // failure_rate, max_waiting, slow_jobs, no_worker
    HealthState level = HealthState::Warning;
    QString message;

    QJsonObject toJson() const;
    static HealthReason fromJson(const QJsonObject &object);
};

// A queue's current health (queuedesk.queue_health).
struct QueueHealth
{
    QString queue;
    HealthState state = HealthState::Healthy;
    QList<HealthReason> reasons;
    QDateTime since;        // when it entered this state
    QDateTime checkedAt;
};

// A change of a queue's health state (queuedesk.health_events).
struct HealthEvent
{
    qint64 id = 0;
    QDateTime at;
    QString queue;
    HealthState from = HealthState::Healthy;
    HealthState to = HealthState::Healthy;
    QList<HealthReason> reasons;
};

// What the health rules look at for one queue, read in one round trip.
// The hour's figures come from the metrics history, not from the jobs.
struct HealthFacts
{
    QString queue;
    bool paused = false;
    QJsonObject thresholds;       // queues.health
    qint64 waiting = 0;           // at the queue's latest sample
    qint64 completedLastHour = 0;
    qint64 failedLastHour = 0;
    double avgRuntimeMs = -1;     // over the last hour; -1: nothing finished
    qint64 slowJobs = 0;          // active longer than slow_factor x avgRuntimeMs
    double slowFactor = 2.0;      // the factor slowJobs was counted with
    qint64 liveWorkers = 0;       // running, fresh heartbeat, serving the queue
    HealthState current = HealthState::Healthy;
};

} // namespace QueueDesk
