// queuedesk-worker schedule: cron schedules from the command line.
#include "workercli.h"

#include "engine/cron/cronexpression.h"
#include "engine/scheduler/scheduleservice.h"
#include "engine/scheduler/systemclock.h"
#include "numberoption.h"
#include "queue/newjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimeZone>

namespace QueueDesk {

namespace {

const auto actionsHelp =
    u"Cron schedules: each fire enqueues one job (one leader fires, however many engines run).\n\n"
    u"Actions:\n"
    u"  add --name N --cron \"*/5 * * * *\" --type T [--queue Q]\n"
    u"      [--timezone Z] [--payload JSON] [--priority P] [--store S]\n"
    u"      [--missed skip|catch-up] [--disabled]\n"
    u"  list [--json]        every schedule with its next fire times\n"
    u"  remove NAME\n"
    u"  trigger NAME         enqueue one job now; the timetable does not move\n"
    u"  enable NAME          resume from the next fire after now\n"
    u"  disable NAME"_s;

QString inZone(const QDateTime &when, const QString &zone)
{
    if (!when.isValid())
        return u"-"_s;
    return when.toTimeZone(QTimeZone(zone.toUtf8())).toString(u"yyyy-MM-dd HH:mm t"_s);
}

struct ScheduleOptions
{
    int priority = 0;
    MissedPolicy missed = MissedPolicy::Skip;
};

// The options whose errors are the command line's (exit 2), read before connecting.
Result<ScheduleOptions> optionsFrom(const QCommandLineParser &p)
{
    ScheduleOptions options;
    if (p.isSet(u"priority"_s)) {
        // The same range as the console's schedule dialog.
        auto priority = NumberOption::wholeNumber(u"--priority"_s, p.value(u"priority"_s), -1'000'000, 1'000'000);
        if (!priority)
            return priority.error();
        options.priority = int(priority.value());
    }
    auto policy = missedPolicyFromName(p.value(u"missed"_s).isEmpty() ? u"skip"_s : p.value(u"missed"_s));
    if (!policy)
        return Error(Error::Code::InvalidArgument, u"--missed is skip or catch-up."_s);
    options.missed = *policy;
    return options;
}

Result<Schedule> scheduleFrom(const QCommandLineParser &p)
{
    Schedule s;
    s.name = p.value(u"name"_s).isEmpty() ? p.positionalArguments().value(1) : p.value(u"name"_s);
    s.cron = p.value(u"cron"_s);
    s.type = p.value(u"type"_s);
    if (p.isSet(u"queue"_s))
        s.queue = p.value(u"queue"_s);
    if (p.isSet(u"timezone"_s))
        s.timezone = p.value(u"timezone"_s);
    s.store = p.value(u"store"_s);
    s.enabled = !p.isSet(u"disabled"_s);
    if (p.isSet(u"payload"_s)) {
        auto payload = NewJob::parsePayload(p.value(u"payload"_s));
        if (!payload)
            return payload.error();
        s.payload = payload.value();
    }
    auto options = optionsFrom(p);
    if (!options)
        return options.error();
    s.priority = options->priority;
    s.missedPolicy = options->missed;
    return s;
}

QJsonObject toJson(const Schedule &s, const QList<QDateTime> &upcoming)
{
    QJsonArray next;
    for (const QDateTime &when : upcoming)
        next.append(when.toUTC().toString(Qt::ISODate));
    return {{u"name"_s, s.name}, {u"queue"_s, s.queue}, {u"type"_s, s.type}, {u"payload"_s, s.payload},
            {u"cron"_s, s.cron}, {u"timezone"_s, s.timezone}, {u"enabled"_s, s.enabled}, {u"priority"_s, s.priority},
            {u"store"_s, s.store}, {u"missed"_s, missedPolicyName(s.missedPolicy)},
            {u"last_run_at"_s, s.lastRunAt.isValid() ? s.lastRunAt.toString(Qt::ISODate) : QString()},
            {u"next_run_at"_s, s.nextRunAt.isValid() ? s.nextRunAt.toString(Qt::ISODate) : QString()},
            {u"upcoming"_s, next}};
}

Status printList(ScheduleService &service, bool json)
{
    auto list = service.list();
    if (!list)
        return list.error();
    QTextStream out(stdout);
    QJsonArray rows;
    if (!json)
        out << u"%1 %2 %3 %4 %5 %6\n"_s.arg(u"name"_s, -24).arg(u"queue"_s, -12).arg(u"cron"_s, -16)
                   .arg(u"next run"_s, -26).arg(u"last run"_s, -26).arg(u"what"_s);
    for (const Schedule &s : list.value()) {
        auto upcoming = s.enabled ? service.upcoming(s, 3) : Result<QList<QDateTime>>(QList<QDateTime>());
        const auto cron = CronExpression::parse(s.cron);
        if (json) {
            rows.append(toJson(s, upcoming ? upcoming.value() : QList<QDateTime>()));
            continue;
        }
        const QString what = (cron ? cron->describe() : u"invalid cron"_s) + u", "_s + s.type
                             + (s.enabled ? QString() : u" (disabled)"_s);
        out << u"%1 %2 %3 %4 %5 %6\n"_s.arg(s.name, -24).arg(s.queue, -12).arg(s.cron, -16)
                   .arg(s.enabled ? inZone(s.nextRunAt, s.timezone) : u"-"_s, -26)
                   .arg(inZone(s.lastRunAt, s.timezone), -26).arg(what);
    }
    if (json)
        out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    else if (list->isEmpty())
        out << "No schedules.\n";
    return {};
}

Status runAction(ScheduleService &service, const QCommandLineParser &p, const QString &action)
{
    const QString name = p.positionalArguments().value(1, p.value(u"name"_s));
    QTextStream out(stdout);
    if (action == u"add") {
        auto schedule = scheduleFrom(p);
        if (!schedule)
            return schedule.error();
        auto created = service.create(schedule.value());
        if (!created)
            return created.error();
        out << "schedule " << created->name << " added; next run "
            << inZone(created->nextRunAt, created->timezone) << '\n';
        return {};
    }
    if (action == u"list")
        return printList(service, p.isSet(u"json"_s));
    if (name.isEmpty())
        return Error(Error::Code::InvalidArgument, u"Name the schedule: queuedesk-worker schedule %1 NAME."_s.arg(action));
    if (action == u"trigger") {
        auto id = service.trigger(name);
        if (!id)
            return id.error();
        out << "schedule " << name << " triggered: job " << id.value() << '\n';
        return {};
    }
    Status done = action == u"remove" ? service.remove(name) : service.setEnabled(name, action == u"enable");
    if (done)
        out << "schedule " << name << ' ' << (action == u"remove" ? "removed" : action == u"enable" ? "enabled" : "disabled")
            << '\n';
    return done;
}

} // namespace

int WorkerCli::schedule(const QStringList &args)
{
    static const QStringList actions{u"add"_s, u"list"_s, u"remove"_s, u"trigger"_s, u"enable"_s, u"disable"_s};
    QCommandLineParser parser;
    parser.setApplicationDescription(actionsHelp);
    parser.addPositionalArgument(u"action"_s, u"add, list, remove, trigger, enable or disable."_s);
    parser.addPositionalArgument(u"name"_s, u"The schedule (remove, trigger, enable, disable)."_s, u"[NAME]"_s);
    parser.addOptions({
        {u"name"_s, u"The schedule's name."_s, u"name"_s},
        {u"cron"_s, u"5-field cron expression or @hourly, @daily, @weekly, @monthly, @yearly."_s, u"expression"_s},
        {u"timezone"_s, u"IANA time zone of the expression (default UTC)."_s, u"zone"_s},
        {u"queue"_s, u"Queue of the jobs (default: default)."_s, u"queue"_s},
        {u"type"_s, u"Job type (handler) of the jobs."_s, u"type"_s},
        {u"payload"_s, u"Job payload, a JSON object."_s, u"json"_s},
        {u"priority"_s, u"Job priority (higher first; -1000000 to 1000000)."_s, u"n"_s},
        {u"store"_s, u"Store (tenant) of the jobs."_s, u"store"_s},
        {u"missed"_s, u"After downtime: skip missed runs, or catch-up with one job."_s, u"policy"_s},
        {u"disabled"_s, u"Add it disabled."_s},
        {u"json"_s, u"list: print JSON."_s},
    });
    auto readOptions = [&parser]() -> Status {
        if (auto options = optionsFrom(parser); !options)
            return options.error();
        return {};
    };
    auto body = [this, &parser](QSqlDatabase &db, const ConnectionSettings &) {
        const QString action = parser.positionalArguments().value(0);
        if (!actions.contains(action)) {
            QTextStream(stderr) << (action.isEmpty() ? u"Which action?"_s : u"Unknown action \"%1\"."_s.arg(action))
                                << "\n\n" << commandHelp(parser, u"schedule"_s);
            return int(ExitUsage);
        }
        ScheduleService service(db, std::make_shared<SystemClock>());
        if (Status done = runAction(service, parser, action); !done)
            return fail(done.error());
        return int(ExitOk);
    };
    return withDatabase(parser, args, false, body, readOptions);
}

} // namespace QueueDesk
