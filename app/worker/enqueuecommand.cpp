// queuedesk-worker enqueue: one job from options, or many from JSON lines.
#include "workercli.h"

#include "numberoption.h"
#include "queue/jobstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

namespace QueueDesk {

namespace {

Result<QList<NewJob>> readJsonLines(QTextStream &input)
{
    QList<NewJob> jobs;
    int lineNumber = 0;
    while (!input.atEnd()) {
        const QString line = input.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        auto object = NewJob::parsePayload(line);
        if (!object)
            return Error(Error::Code::InvalidPayload, u"Line %1: %2"_s.arg(lineNumber).arg(object.error().message));
        auto job = NewJob::fromJson(object.value());
        if (!job)
            return Error(job.error().code, u"Line %1: %2"_s.arg(lineNumber).arg(job.error().message));
        jobs.append(job.value());
    }
    return jobs;
}

// The same ranges as the console's New job dialog.
constexpr qint64 priorityLimit = 1'000'000;
constexpr qint64 maxAttemptsLimit = 1000;
constexpr double maxDelaySeconds = 365.0 * 86400;

// Everything but the payload, whose errors are the job's (exit 1), not the
// command line's (exit 2).
Result<NewJob> jobFromOptions(const QCommandLineParser &parser)
{
    NewJob job;
    job.queue = parser.value(u"queue"_s);
    job.type = parser.value(u"type"_s);
    if (job.type.isEmpty())
        return Error(Error::Code::InvalidArgument, u"--type is required (the handler that runs the job)."_s);
    auto priority = NumberOption::wholeNumber(u"--priority"_s, parser.value(u"priority"_s), -priorityLimit, priorityLimit);
    if (!priority)
        return priority.error();
    job.priority = int(priority.value());
    auto delay = NumberOption::decimal(u"--delay"_s, parser.value(u"delay"_s), 0, maxDelaySeconds);
    if (!delay)
        return delay.error();
    job.delayMs = qRound64(delay.value() * 1000);
    job.store = parser.value(u"store"_s);
    job.uniqueKey = parser.value(u"unique-key"_s);
    job.createdBy = u"cli"_s;
    if (parser.isSet(u"max-attempts"_s)) {
        auto attempts = NumberOption::wholeNumber(u"--max-attempts"_s, parser.value(u"max-attempts"_s), 1, maxAttemptsLimit);
        if (!attempts)
            return attempts.error();
        job.maxAttempts = int(attempts.value());
    }
    if (parser.isSet(u"run-at"_s)) {
        if (parser.isSet(u"delay"_s))
            return Error(Error::Code::InvalidArgument, u"Give --delay or --run-at, not both."_s);
        job.runAt = QDateTime::fromString(parser.value(u"run-at"_s), Qt::ISODateWithMs);
        if (!job.runAt.isValid())
            return Error(Error::Code::InvalidArgument, u"--run-at needs an ISO 8601 date and time."_s);
    }
    return job;
}

} // namespace

int WorkerCli::enqueue(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Add one job from options, or many from JSON lines on stdin "
                                     u"({\"queue\":..., \"type\":..., \"payload\":{...}} per line)."_s);
    parser.addOptions({
        {u"stdin"_s, u"Read JSON lines from standard input (one job each)."_s},
        {u"queue"_s, u"Queue name (default: default)."_s, u"name"_s, u"default"_s},
        {u"type"_s, u"Job type (the handler)."_s, u"type"_s},
        {u"payload"_s, u"Payload, a JSON object (default {})."_s, u"json"_s, u"{}"_s},
        {u"priority"_s, u"Priority, higher runs first (-1000000 to 1000000, default 0)."_s, u"n"_s, u"0"_s},
        {u"delay"_s, u"Run after this many seconds (up to 365 days)."_s, u"seconds"_s, u"0"_s},
        {u"run-at"_s, u"Run at this ISO 8601 time."_s, u"time"_s},
        {u"store"_s, u"Store (tenant) key."_s, u"store"_s},
        {u"max-attempts"_s, u"Attempts before the job fails for good (1-1000, default: the queue's)."_s, u"n"_s},
        {u"unique-key"_s, u"Refuse if an unfinished job holds this key."_s, u"key"_s},
    });
    std::optional<NewJob> job;
    auto readOptions = [&parser, &job]() -> Status {
        if (parser.isSet(u"stdin"_s))
            return {};
        auto read = jobFromOptions(parser);
        if (!read)
            return read.error();
        job = read.value();
        return {};
    };
    auto body = [this, &parser, &job](QSqlDatabase &db, const ConnectionSettings &) {
        JobStore store(db);
        if (parser.isSet(u"stdin"_s)) {
            QTextStream input(stdin);
            auto jobs = readJsonLines(input);
            if (!jobs)
                return fail(jobs.error());
            auto added = store.enqueueMany(jobs.value());
            if (!added)
                return fail(added.error());
            QTextStream(stdout) << added.value() << " jobs enqueued\n";
            return int(ExitOk);
        }
        auto payload = NewJob::parsePayload(parser.value(u"payload"_s));
        if (!payload)
            return fail(payload.error());
        job->payload = payload.value();
        auto id = store.enqueue(*job);
        if (!id)
            return fail(id.error());
        QTextStream(stdout) << id.value() << '\n';
        return int(ExitOk);
    };
    return withDatabase(parser, args, false, body, readOptions);
}

} // namespace QueueDesk
