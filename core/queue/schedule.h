#pragma once

#include "util/error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace QueueDesk {

// What a schedule does with fires it missed while no engine ran.
enum class MissedPolicy {
    Skip,          // drop them; wait for the next fire
    CatchUpOnce,   // one job for all of them, then on from the next fire
};

QString missedPolicyName(MissedPolicy policy);   // 'skip', 'catch_up_once'
std::optional<MissedPolicy> missedPolicyFromName(QStringView name);

// A row of queuedesk.schedules: a cron expression that enqueues one job of
// `type` into `queue` at every fire time, in the schedule's time zone.
struct Schedule
{
    QString name;
    QString queue = u"default"_s;
    QString type;
    QJsonObject payload;
    QString cron;
    QString timezone = u"UTC"_s;     // an IANA id, e.g. Europe/Athens
    bool enabled = true;
    int priority = 0;
    QString store;
    MissedPolicy missedPolicy = MissedPolicy::Skip;
    QDateTime lastRunAt;             // UTC; invalid: never fired
    QDateTime nextRunAt;             // UTC; invalid while disabled
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace QueueDesk
