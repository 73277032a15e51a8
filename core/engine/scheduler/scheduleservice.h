#pragma once

#include "queue/schedule.h"
#include "util/error.h"

#include <QList>
#include <QSqlDatabase>

#include <memory>

namespace QueueDesk {

class Clock;

// Schedules as people and the leader use them: validated edits with their
// next fire computed, "trigger now", and the leader's firing of due
// schedules. Runs on the connection it is given (that connection's thread).
class ScheduleService final
{
public:
    struct FireReport
    {
        int fired = 0;      // jobs enqueued (or already there under the fire's key)
        int skipped = 0;    // due schedules that moved on without a job (missed, skip policy)
        int taken = 0;      // fires another engine claimed first
    };

    static constexpr qint64 DefaultMissedAfterMs = 60000;

    ScheduleService(QSqlDatabase db, std::shared_ptr<const Clock> clock,
                    qint64 missedAfterMs = DefaultMissedAfterMs);

    // Refuses (and saves nothing) with an error naming the bad field: name,
    // type, cron (the parser's words), time zone, or an unknown queue.
    Result<Schedule> create(Schedule schedule);
    // Keeps the next fire unless the cron, the time zone or enabled changed.
    Result<Schedule> update(Schedule schedule);
    // Enabling starts from the next fire after now: nothing missed runs.
    Status setEnabled(const QString &name, bool enabled);
    Status remove(const QString &name);
    // One job now, outside the timetable: the schedule does not move.
    Result<qint64> trigger(const QString &name);
    Result<Schedule> get(const QString &name);
    Result<QList<Schedule>> list();
    // The schedule's next `count` fires after now.
    Result<QList<QDateTime>> upcoming(const Schedule &schedule, int count) const;

    static Status validate(const Schedule &schedule);
    static QString uniqueKey(const QString &name, const QDateTime &fireAt);

    // Enqueues one job per due fire. Each fire is claimed by moving
    // next_run_at from the value read (one UPDATE), in the same transaction
    // as the enqueue, so one fire makes one job however many engines try.
    Result<FireReport> fireDue(const QDateTime &now, int limit = 100);

private:
    enum class Outcome { Fired, Skipped, Taken };

    Result<Outcome> fireOne(const Schedule &schedule, const QDateTime &now);
    Result<QDateTime> firstFireAfter(const Schedule &schedule, const QDateTime &after) const;

    QSqlDatabase m_db;
    std::shared_ptr<const Clock> m_clock;
    qint64 m_missedAfterMs;
};

} // namespace QueueDesk
