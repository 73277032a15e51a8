#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

class QSqlQuery;

namespace QueueDesk {
class PgResult;
}

namespace QueueDesk {

enum class JobState { Scheduled, Waiting, Active, Completed, Failed, Cancelled };

QString jobStateName(JobState state);
std::optional<JobState> jobStateFromName(QStringView name);
bool isFinished(JobState state);

// One row of queuedesk.jobs.
struct Job
{
    qint64 id = 0;
    QString queue;
    QString type;
    QString store;
    QJsonObject payload;
    QString payloadError;   // set when the stored payload could not be read as an object
    int priority = 0;
    JobState state = JobState::Waiting;
    qint64 readySeq = 0;
    QDateTime runAt;
    int attempts = 0;
    int maxAttempts = 0;
    QJsonArray errors;
    QJsonObject progress;
    double progressPercent = -1;   // -1: not reported
    QJsonObject result;
    QString uniqueKey;
    qint64 parentId = 0;
    QString createdBy;
    QString lockedBy;
    QDateTime leaseUntil;
    bool cancelRequested = false;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;

    // Where each column sits in a "SELECT * FROM queuedesk.jobs"-shaped
    // result: looked up once per result, not once per row (the claim path
    // reads hundreds of rows per call).
    struct Columns
    {
        int id, queue, type, store, payload, priority, state, readySeq, runAt, attempts, maxAttempts, errors,
            progress, progressPct, result, uniqueKey, parentId, createdBy, lockedBy, leaseUntil, cancelRequested,
            createdAt, startedAt, finishedAt;
        static Columns of(const QSqlQuery &query);
        static Columns of(const PgResult &result);
    };

    // Reads the current row of a "SELECT * FROM queuedesk.jobs"-shaped result.
    static Job fromQuery(const QSqlQuery &query, const Columns &columns);
    static Job fromQuery(const QSqlQuery &query) { return fromQuery(query, Columns::of(query)); }
    // Reads one row of a libpq result of the same shape.
    static Job fromResult(const PgResult &result, int row, const Columns &columns);
};

} // namespace QueueDesk
