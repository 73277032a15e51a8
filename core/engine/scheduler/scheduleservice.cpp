#include "scheduleservice.h"

#include "db/database.h"
#include "engine/cron/cronexpression.h"
#include "engine/scheduler/clock.h"
#include "engine/scheduler/fireplan.h"
#include "queue/jobstore.h"
#include "queue/schedulestore.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QTimeZone>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcSchedules, "queuedesk.engine.schedules", QtInfoMsg)

namespace {

Result<QTimeZone> zoneFor(const QString &id)
{
    const QTimeZone zone(id.toUtf8());
    if (id.isEmpty() || !zone.isValid())
        return Error(Error::Code::InvalidArgument,
                     u"Unknown time zone \"%1\": use an IANA name such as UTC or Europe/Athens."_s.arg(id));
    return zone;
}

Error invalid(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

} // namespace

ScheduleService::ScheduleService(QSqlDatabase db, std::shared_ptr<const Clock> clock, qint64 missedAfterMs)
    : m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_missedAfterMs(missedAfterMs)
{
}

Status ScheduleService::validate(const Schedule &s)
{
    static const QRegularExpression namePattern(u"^[A-Za-z0-9_.:-]{1,100}$"_s);
    if (!namePattern.match(s.name).hasMatch())
        return invalid(u"A schedule name needs 1 to 100 letters, digits or . _ : - (got \"%1\")."_s.arg(s.name));
    if (s.queue.isEmpty())
        return invalid(u"The schedule needs a queue."_s);
    if (s.type.trimmed().isEmpty())
        return invalid(u"The schedule needs a job type (the handler to run)."_s);
    auto cron = CronExpression::parse(s.cron);
    if (!cron)
        return cron.error();
    auto zone = zoneFor(s.timezone);
    if (!zone)
        return zone.error();
    return {};
}

QString ScheduleService::uniqueKey(const QString &name, const QDateTime &fireAt)
{
    return u"schedule:%1:%2"_s.arg(name, fireAt.toUTC().toString(Qt::ISODate));
}

Result<QDateTime> ScheduleService::firstFireAfter(const Schedule &s, const QDateTime &after) const
{
    auto cron = CronExpression::parse(s.cron);
    if (!cron)
        return cron.error();
    auto zone = zoneFor(s.timezone);
    if (!zone)
        return zone.error();
    const QDateTime next = cron->next(after, zone.value());
    if (!next.isValid())
        return invalid(u"The cron expression \"%1\" never fires."_s.arg(s.cron));
    return next;
}

Result<Schedule> ScheduleService::create(Schedule schedule)
{
    if (Status valid = validate(schedule); !valid)
        return valid.error();
    schedule.nextRunAt = QDateTime();
    if (schedule.enabled) {
        auto next = firstFireAfter(schedule, m_clock->now());
        if (!next)
            return next.error();
        schedule.nextRunAt = next.value();
    }
    if (Status created = ScheduleStore(m_db).create(schedule); !created)
        return created.error();
    return get(schedule.name);
}

Result<Schedule> ScheduleService::update(Schedule schedule)
{
    if (Status valid = validate(schedule); !valid)
        return valid.error();
    auto old = get(schedule.name);
    if (!old)
        return old.error();
    const bool retimed = old->cron != schedule.cron || old->timezone != schedule.timezone
                         || old->enabled != schedule.enabled || !old->nextRunAt.isValid();
    schedule.nextRunAt = schedule.enabled ? old->nextRunAt : QDateTime();
    if (schedule.enabled && retimed) {
        auto next = firstFireAfter(schedule, m_clock->now());
        if (!next)
            return next.error();
        schedule.nextRunAt = next.value();
    }
    if (Status updated = ScheduleStore(m_db).update(schedule); !updated)
        return updated.error();
    return get(schedule.name);
}

Status ScheduleService::setEnabled(const QString &name, bool enabled)
{
    auto schedule = get(name);
    if (!schedule)
        return schedule.error();
    if (schedule->enabled == enabled)
        return {};
    QDateTime next;
    if (enabled) {
        auto first = firstFireAfter(schedule.value(), m_clock->now());
        if (!first)
            return first.error();
        next = first.value();
    }
    return ScheduleStore(m_db).setEnabled(name, enabled, next);
}

Status ScheduleService::remove(const QString &name)
{
    return ScheduleStore(m_db).remove(name);
}

Result<qint64> ScheduleService::trigger(const QString &name)
{
    auto schedule = get(name);
    if (!schedule)
        return schedule.error();
    NewJob job{.queue = schedule->queue, .type = schedule->type, .payload = schedule->payload,
               .priority = schedule->priority, .store = schedule->store, .createdBy = u"schedule:"_s + name};
    return JobStore(m_db).enqueue(job);
}

Result<Schedule> ScheduleService::get(const QString &name)
{
    return ScheduleStore(m_db).get(name);
}

Result<QList<Schedule>> ScheduleService::list()
{
    return ScheduleStore(m_db).list();
}

Result<QList<QDateTime>> ScheduleService::upcoming(const Schedule &schedule, int count) const
{
    auto cron = CronExpression::parse(schedule.cron);
    if (!cron)
        return cron.error();
    auto zone = zoneFor(schedule.timezone);
    if (!zone)
        return zone.error();
    return cron->nextTimes(m_clock->now(), zone.value(), count);
}

Result<ScheduleService::FireReport> ScheduleService::fireDue(const QDateTime &now, int limit)
{
    auto due = ScheduleStore(m_db).due(now, limit);
    if (!due)
        return due.error();
    FireReport report;
    for (const Schedule &schedule : due.value()) {
        auto outcome = fireOne(schedule, now);
        if (!outcome) {
            if (Database::isConnectionBad(m_db) || outcome.error().code == Error::Code::ConnectionLost)
                return outcome.error();
            qCWarning(lcSchedules).noquote() << "schedule" << schedule.name << "did not fire:" << outcome.error().toString();
            continue;
        }
        report.fired += outcome.value() == Outcome::Fired;
        report.skipped += outcome.value() == Outcome::Skipped;
        report.taken += outcome.value() == Outcome::Taken;
    }
    return report;
}

Result<ScheduleService::Outcome> ScheduleService::fireOne(const Schedule &s, const QDateTime &now)
{
    auto cron = CronExpression::parse(s.cron);
    auto zone = zoneFor(s.timezone);
    // A row that no longer parses (edited by hand in SQL) stops instead of
    // failing on every pass.
    const FirePlan plan = cron && zone ? FirePlan::decide(cron.value(), zone.value(), s.nextRunAt, s.missedPolicy, now,
                                                          m_missedAfterMs)
                                       : FirePlan{};
    if (!cron || !zone)
        qCWarning(lcSchedules).noquote() << "schedule" << s.name << "disabled:" << (cron ? zone.error() : cron.error()).message;
    if (!m_db.transaction())
        return Database::errorFrom(m_db.lastError(), u"begin schedule fire"_s);
    auto fail = [this](const Error &error) -> Result<Outcome> {
        m_db.rollback();
        return error;
    };
    auto claimed = ScheduleStore(m_db).advance(s.name, s.nextRunAt, plan.nextRunAt, plan.fireAt);
    if (!claimed)
        return fail(claimed.error());
    if (!claimed.value()) {
        m_db.rollback();
        return Outcome::Taken;
    }
    if (plan.fireAt.isValid()) {
        NewJob job{.queue = s.queue, .type = s.type, .payload = s.payload, .priority = s.priority, .store = s.store,
                   .uniqueKey = uniqueKey(s.name, plan.fireAt), .createdBy = u"schedule:"_s + s.name};
        auto enqueued = JobStore(m_db).enqueue(job);
        if (!enqueued && enqueued.error().code != Error::Code::UniqueConflict)
            return fail(enqueued.error());
    }
    if (!m_db.commit())
        return fail(Database::errorFrom(m_db.lastError(), u"commit schedule fire"_s));
    return plan.fireAt.isValid() ? Outcome::Fired : Outcome::Skipped;
}

} // namespace QueueDesk
