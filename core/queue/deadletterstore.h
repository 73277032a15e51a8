#pragma once

#include "queue/bulkoutcome.h"
#include "util/error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace QueueDesk {

// Failed jobs of one type that ended with the same last error message.
struct DeadLetterGroup
{
    QString type;
    QString message;        // the last attempt's error, "" when none was recorded
    qint64 lastHour = 0;    // failed within the last hour
    qint64 lastDay = 0;
    qint64 lastWeek = 0;
    qint64 total = 0;
    QDateTime lastFailedAt;
};

// Which dead letters an operator means: the given groups, or every failed job.
struct DeadLetterSelection
{
    bool all = false;
    QList<DeadLetterGroup> groups;   // only type and message are read
};

// The dead letter view of queuedesk.jobs: failed jobs grouped by type and
// error message. Requeue and purge go through JobActionStore, so they keep
// its chunking, its refusals and its counting of skipped jobs.
class DeadLetterStore final
{
public:
    explicit DeadLetterStore(QSqlDatabase db);

    // Biggest groups first; at most `limit` groups.
    Result<QList<DeadLetterGroup>> groups(int limit = 1000);
    // The ids of the failed jobs the selection means, as they are now.
    Result<QList<qint64>> ids(const DeadLetterSelection &selection);
    // Failed jobs among ids wait again.
    Result<BulkOutcome> requeue(const QList<qint64> &ids);
    // Deletes the failed jobs among ids (those requeued meanwhile are skipped).
    Result<BulkOutcome> purge(const QList<qint64> &ids);

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
