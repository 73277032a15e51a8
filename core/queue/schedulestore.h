#pragma once

#include "queue/schedule.h"
#include "util/error.h"

#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// The rows of queuedesk.schedules. Validation of cron and time zone, and
// the fire times, belong to ScheduleService; this is only their SQL.
class ScheduleStore final
{
public:
    explicit ScheduleStore(QSqlDatabase db);

    // UnknownQueue when the queue does not exist, InvalidArgument when the
    // name is taken.
    Status create(const Schedule &schedule);
    // Everything but name, created_at and last_run_at.
    Status update(const Schedule &schedule);
    Status remove(const QString &name);
    Status setEnabled(const QString &name, bool enabled, const QDateTime &nextRunAt);
    Result<Schedule> get(const QString &name);
    Result<QList<Schedule>> list();
    // Enabled schedules whose next fire is at or before `now`, earliest first.
    Result<QList<Schedule>> due(const QDateTime &now, int limit);
    // Claims the fire at `expectedNext`: moves next_run_at on to `newNext`
    // (invalid: the expression never fires again, and the schedule is
    // disabled) and records `firedAt` (invalid: keep last_run_at). False when
    // someone else moved it first, or it was disabled or edited meanwhile.
    Result<bool> advance(const QString &name, const QDateTime &expectedNext, const QDateTime &newNext,
                         const QDateTime &firedAt);

private:
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {});
    Status expectOneRow(Result<QSqlQuery> &query, const QString &name);

    QSqlDatabase m_db;
};

} // namespace QueueDesk
