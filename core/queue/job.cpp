#include "job.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace QueueDesk {

namespace {

constexpr std::array stateNames{u"scheduled", u"waiting", u"active", u"completed", u"failed", u"cancelled"};

} // namespace

QString jobStateName(JobState state)
{
    return QStringView(stateNames[static_cast<size_t>(state)]).toString();
}

std::optional<JobState> jobStateFromName(QStringView name)
{
    for (size_t i = 0; i < stateNames.size(); ++i) {
        if (name == QStringView(stateNames[i]))
            return static_cast<JobState>(i);
    }
    return std::nullopt;
}

bool isFinished(JobState state)
{
    return state == JobState::Completed || state == JobState::Failed || state == JobState::Cancelled;
}

Job::Columns Job::Columns::of(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    auto col = [&record](const char *name) { return record.indexOf(QLatin1StringView(name)); };
    return {col("id"), col("queue"), col("type"), col("store"), col("payload"), col("priority"), col("state"),
            col("ready_seq"), col("run_at"), col("attempts"), col("max_attempts"), col("errors"), col("progress"),
            col("progress_pct"), col("result"), col("unique_key"), col("parent_id"), col("created_by"),
            col("locked_by"), col("lease_until"), col("cancel_requested"), col("created_at"), col("started_at"),
            col("finished_at")};
}

Job Job::fromQuery(const QSqlQuery &query, const Columns &c)
{
    // A column the statement did not select (index -1) keeps its default.
    auto value = [&query](int column) { return column < 0 ? QVariant() : query.value(column); };
    // Empty JSON columns (NULL) are common: skip the parser for them.
    auto json = [&value](int column) {
        const QVariant v = value(column);
        return v.isNull() ? QJsonDocument() : QJsonDocument::fromJson(v.toString().toUtf8());
    };
    Job job;
    job.id = value(c.id).toLongLong();
    job.queue = value(c.queue).toString();
    job.type = value(c.type).toString();
    job.store = value(c.store).toString();
    job.payload = json(c.payload).object();
    job.priority = value(c.priority).toInt();
    job.state = jobStateFromName(value(c.state).toString()).value_or(JobState::Waiting);
    job.readySeq = value(c.readySeq).toLongLong();
    job.runAt = value(c.runAt).toDateTime();
    job.attempts = value(c.attempts).toInt();
    job.maxAttempts = value(c.maxAttempts).toInt();
    job.errors = json(c.errors).array();
    job.progress = json(c.progress).object();
    const QVariant pct = value(c.progressPct);
    job.progressPercent = pct.isNull() ? -1 : pct.toDouble();
    job.result = json(c.result).object();
    job.uniqueKey = value(c.uniqueKey).toString();
    job.parentId = value(c.parentId).toLongLong();
    job.createdBy = value(c.createdBy).toString();
    job.lockedBy = value(c.lockedBy).toString();
    job.leaseUntil = value(c.leaseUntil).toDateTime();
    job.cancelRequested = value(c.cancelRequested).toBool();
    job.createdAt = value(c.createdAt).toDateTime();
    job.startedAt = value(c.startedAt).toDateTime();
    job.finishedAt = value(c.finishedAt).toDateTime();
    return job;
}

} // namespace QueueDesk
