#include "deadletterstore.h"

#include "db/database.h"
#include "queue/jobactionstore.h"
#include "queue/jobfilter.h"
#include "queue/sqlvalues.h"

#include <QSqlQuery>

namespace QueueDesk {

namespace {

// The message a group is keyed by: the last attempt's error.
const QString MessageExpr = u"coalesce(errors -> -1 ->> 'message', '')"_s;

JobFilter failedAmong(const QList<qint64> &ids)
{
    JobFilter filter;
    filter.ids = ids;
    filter.states = {JobState::Failed};
    return filter;
}

} // namespace

DeadLetterStore::DeadLetterStore(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<QList<DeadLetterGroup>> DeadLetterStore::groups(int limit)
{
    const QString sql = u"SELECT type, %1 AS message, "
                        u"count(*) FILTER (WHERE finished_at > now() - interval '1 hour'), "
                        u"count(*) FILTER (WHERE finished_at > now() - interval '1 day'), "
                        u"count(*) FILTER (WHERE finished_at > now() - interval '7 days'), "
                        u"count(*), max(finished_at) "
                        u"FROM queuedesk.jobs WHERE state = 'failed' "
                        u"GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT ?"_s.arg(MessageExpr);
    auto query = Database::exec(m_db, sql, {limit});
    if (!query)
        return query.error();
    QList<DeadLetterGroup> groups;
    while (query.value().next()) {
        const QSqlQuery &q = query.value();
        groups.append(DeadLetterGroup{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                                      q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                                      q.value(6).toDateTime().toUTC()});
    }
    return groups;
}

Result<QList<qint64>> DeadLetterStore::ids(const DeadLetterSelection &selection)
{
    if (selection.all) {
        auto query = Database::exec(m_db, u"SELECT id FROM queuedesk.jobs WHERE state = 'failed' ORDER BY id"_s);
        return SqlValues::ids(query);
    }
    QStringList types;
    QStringList messages;
    for (const DeadLetterGroup &group : selection.groups) {
        types.append(group.type);
        messages.append(group.message);
    }
    if (types.isEmpty())
        return QList<qint64>();
    const QString sql = u"SELECT j.id FROM queuedesk.jobs j "
                        u"JOIN unnest(?::text[], ?::text[]) AS g(type, message) "
                        u"ON j.type = g.type AND coalesce(j.errors -> -1 ->> 'message', '') = g.message "
                        u"WHERE j.state = 'failed' ORDER BY j.id"_s;
    auto query = Database::exec(m_db, sql, {SqlValues::textArray(types), SqlValues::textArray(messages)});
    return SqlValues::ids(query);
}

Result<BulkOutcome> DeadLetterStore::requeue(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return BulkOutcome{u"requeued"_s};
    auto outcome = JobActionStore(m_db).retry(failedAmong(ids));
    if (outcome)
        outcome.value().verb = u"requeued"_s;   // the dead letter page's word for it
    return outcome;
}

Result<BulkOutcome> DeadLetterStore::purge(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return BulkOutcome{u"deleted"_s};
    return JobActionStore(m_db).remove(failedAmong(ids));
}

} // namespace QueueDesk
