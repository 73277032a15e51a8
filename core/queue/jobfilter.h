#pragma once

#include "queue/job.h"
#include "util/error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace QueueDesk {

// Which jobs an operator means: every set field narrows the selection,
// an empty filter matches every job.
struct JobFilter
{
    QStringList queues;
    QString type;
    std::optional<QString> store;    // "" selects jobs without a store
    QList<JobState> states;
    QList<qint64> ids;
    QString errorContains;           // in the last error message, any case
    QJsonObject payloadEquals;       // top-level payload keys and their values
    QDateTime createdAfter;
    QDateTime createdBefore;
    QDateTime finishedAfter;
    QDateTime finishedBefore;

    // A condition for a WHERE clause over queuedesk.jobs, with its binds in
    // the order of their placeholders.
    struct Sql
    {
        QString condition;
        QVariantList binds;
    };

    bool isEmpty() const;
    // alias: the name the jobs table has in the statement.
    Sql toSql(const QString &alias = u"j"_s) const;
};

} // namespace QueueDesk
