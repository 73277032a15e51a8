#include "job.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace QueueDesk {

namespace {

constexpr std::array stateNames{u"scheduled", u"waiting", u"active", u"completed", u"failed", u"cancelled"};

QJsonDocument json(const QSqlQuery &query, int column)
{
    return QJsonDocument::fromJson(query.value(column).toString().toUtf8());
}

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

Job Job::fromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    auto col = [&record](const char *name) { return record.indexOf(QLatin1StringView(name)); };
    Job job;
    job.id = query.value(col("id")).toLongLong();
    job.queue = query.value(col("queue")).toString();
    job.type = query.value(col("type")).toString();
    job.store = query.value(col("store")).toString();
    job.payload = json(query, col("payload")).object();
    job.priority = query.value(col("priority")).toInt();
    job.state = jobStateFromName(query.value(col("state")).toString()).value_or(JobState::Waiting);
    job.readySeq = query.value(col("ready_seq")).toLongLong();
    job.runAt = query.value(col("run_at")).toDateTime();
    job.attempts = query.value(col("attempts")).toInt();
    job.maxAttempts = query.value(col("max_attempts")).toInt();
    job.errors = json(query, col("errors")).array();
    job.progress = json(query, col("progress")).object();
    const QVariant pct = query.value(col("progress_pct"));
    job.progressPercent = pct.isNull() ? -1 : pct.toDouble();
    job.result = json(query, col("result")).object();
    job.uniqueKey = query.value(col("unique_key")).toString();
    job.parentId = query.value(col("parent_id")).toLongLong();
    job.createdBy = query.value(col("created_by")).toString();
    job.lockedBy = query.value(col("locked_by")).toString();
    job.leaseUntil = query.value(col("lease_until")).toDateTime();
    job.cancelRequested = query.value(col("cancel_requested")).toBool();
    job.createdAt = query.value(col("created_at")).toDateTime();
    job.startedAt = query.value(col("started_at")).toDateTime();
    job.finishedAt = query.value(col("finished_at")).toDateTime();
    return job;
}

} // namespace QueueDesk
