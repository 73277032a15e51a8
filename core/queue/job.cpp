#include "job.h"

#include "db/pgresult.h"

#include <QJsonDocument>
#include <QJsonParseError>
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

namespace {

template<typename ColumnOf>
Job::Columns columnsOf(ColumnOf col)
{
    return {col("id"), col("queue"), col("type"), col("store"), col("payload"), col("priority"), col("state"),
            col("ready_seq"), col("run_at"), col("attempts"), col("max_attempts"), col("errors"), col("progress"),
            col("progress_pct"), col("result"), col("unique_key"), col("parent_id"), col("created_by"),
            col("locked_by"), col("lease_until"), col("cancel_requested"), col("created_at"), col("started_at"),
            col("finished_at")};
}

// One reading of a row for both result kinds. A column the statement did
// not select (index -1) keeps its default; empty JSON columns (NULL) are
// common, so they skip the parser.
template<typename Row>
Job readJob(const Row &row, const Job::Columns &c)
{
    auto json = [&row](int column) {
        return row.isNull(column) ? QJsonDocument() : QJsonDocument::fromJson(row.utf8(column));
    };
    Job job;
    job.id = row.int64(c.id);
    job.queue = row.text(c.queue);
    job.type = row.text(c.type);
    job.store = row.text(c.store);
    if (!row.isNull(c.payload)) {
        // PostgreSQL stores what Qt's reader refuses (nesting past 1,024
        // levels, from a plain SQL producer): say so instead of running the
        // job with an empty payload.
        QJsonParseError error;
        const QJsonDocument payload = QJsonDocument::fromJson(row.utf8(c.payload), &error);
        if (error.error != QJsonParseError::NoError)
            job.payloadError = u"The payload cannot be read: %1."_s.arg(error.errorString());
        else if (!payload.isObject())
            job.payloadError = u"The payload is not a JSON object."_s;
        job.payload = payload.object();
    }
    job.priority = int(row.int64(c.priority));
    job.state = jobStateFromName(row.text(c.state)).value_or(JobState::Waiting);
    job.readySeq = row.int64(c.readySeq);
    job.runAt = row.dateTime(c.runAt);
    job.attempts = int(row.int64(c.attempts));
    job.maxAttempts = int(row.int64(c.maxAttempts));
    job.errors = json(c.errors).array();
    job.progress = json(c.progress).object();
    job.progressPercent = row.isNull(c.progressPct) ? -1 : row.real(c.progressPct);
    job.result = json(c.result).object();
    job.uniqueKey = row.text(c.uniqueKey);
    job.parentId = row.int64(c.parentId);
    job.createdBy = row.text(c.createdBy);
    job.lockedBy = row.text(c.lockedBy);
    job.leaseUntil = row.dateTime(c.leaseUntil);
    job.cancelRequested = row.boolean(c.cancelRequested);
    job.createdAt = row.dateTime(c.createdAt);
    job.startedAt = row.dateTime(c.startedAt);
    job.finishedAt = row.dateTime(c.finishedAt);
    return job;
}

struct QueryRow
{
    const QSqlQuery &query;
    QVariant value(int column) const { return column < 0 ? QVariant() : query.value(column); }
    bool isNull(int column) const { return value(column).isNull(); }
    QByteArray utf8(int column) const { return value(column).toString().toUtf8(); }
    QString text(int column) const { return value(column).toString(); }
    qint64 int64(int column) const { return value(column).toLongLong(); }
    double real(int column) const { return value(column).toDouble(); }
    bool boolean(int column) const { return value(column).toBool(); }
    QDateTime dateTime(int column) const { return value(column).toDateTime(); }
};

struct ResultRow
{
    const PgResult &result;
    int row;
    bool isNull(int column) const { return result.isNull(row, column); }
    QByteArray utf8(int column) const { return result.bytes(row, column).toByteArray(); }
    QString text(int column) const { return result.text(row, column); }
    qint64 int64(int column) const { return result.toLongLong(row, column); }
    double real(int column) const { return result.toDouble(row, column); }
    bool boolean(int column) const { return result.toBool(row, column); }
    QDateTime dateTime(int column) const { return result.toDateTime(row, column); }
};

} // namespace

Job::Columns Job::Columns::of(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    return columnsOf([&record](const char *name) { return record.indexOf(QLatin1StringView(name)); });
}

Job::Columns Job::Columns::of(const PgResult &result)
{
    return columnsOf([&result](const char *name) { return result.column(name); });
}

Job Job::fromQuery(const QSqlQuery &query, const Columns &columns)
{
    return readJob(QueryRow{query}, columns);
}

Job Job::fromResult(const PgResult &result, int row, const Columns &columns)
{
    return readJob(ResultRow{result, row}, columns);
}

} // namespace QueueDesk
