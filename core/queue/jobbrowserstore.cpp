#include "jobbrowserstore.h"

#include "db/database.h"
#include "queue/sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>

namespace QueueDesk {

JobBrowserStore::JobBrowserStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString JobBrowserStore::sortName(Sort sort)
{
    switch (sort) {
    case Sort::Id: return u"id"_s;
    case Sort::Created: return u"created"_s;
    case Sort::Priority: return u"priority"_s;
    case Sort::RunAt: return u"run-at"_s;
    case Sort::Finished: return u"finished"_s;
    case Sort::Runtime: return u"runtime"_s;
    }
    return u"id"_s;
}

std::optional<JobBrowserStore::Sort> JobBrowserStore::sortFromName(QStringView name)
{
    for (Sort sort : {Sort::Id, Sort::Created, Sort::Priority, Sort::RunAt, Sort::Finished, Sort::Runtime}) {
        if (sortName(sort) == name)
            return sort;
    }
    return std::nullopt;
}

QString JobBrowserStore::sortKey(Sort sort)
{
    // Runtime is NULL until a job finishes; -1 keeps those rows in the walk
    // (a NULL key would fall out of the row comparison). Each key has its
    // index (004_browse.sql); the runtime expression must stay as written
    // there. Created is id order: ids are handed out at insert, so they
    // follow creation (jobs enqueued in one transaction share created_at;
    // concurrent enqueuers may interleave by a few milliseconds).
    switch (sort) {
    case Sort::Id:
    case Sort::Created: return u"j.id"_s;
    case Sort::Priority: return u"j.priority"_s;
    case Sort::RunAt: return u"j.run_at"_s;
    case Sort::Finished: return u"j.finished_at"_s;
    case Sort::Runtime:
        return u"coalesce(extract(epoch FROM j.finished_at - j.started_at)::float8, -1::float8)"_s;
    }
    return u"j.id"_s;
}

QString JobBrowserStore::sortCast(Sort sort)
{
    switch (sort) {
    case Sort::Id:
    case Sort::Created: return u"bigint"_s;
    case Sort::RunAt:
    case Sort::Finished: return u"timestamptz"_s;
    case Sort::Priority: return u"integer"_s;
    case Sort::Runtime: return u"float8"_s;
    }
    return u"bigint"_s;
}

JobFilter::Sql JobBrowserStore::where(const Query &query)
{
    // Stored and derived states are alternatives, so the state term is
    // built here rather than by JobFilter (which ANDs its terms).
    JobFilter rest = query.filter;
    rest.states.clear();
    JobFilter::Sql sql = rest.toSql(u"j"_s);
    QStringList states;
    QVariantList binds;
    if (!query.filter.states.isEmpty()) {
        QStringList names;
        for (JobState state : query.filter.states)
            names.append(jobStateName(state));
        states.append(u"j.state = ANY (?::text[])"_s);
        binds.append(SqlValues::textArray(names));
    }
    if (query.delayed)
        states.append(u"(j.state = 'scheduled' AND j.attempts = 0)"_s);
    if (query.retrying)
        states.append(u"(j.state = 'scheduled' AND j.attempts > 0)"_s);
    if (query.stalled)
        states.append(u"(j.state = 'active' AND j.lease_until < now())"_s);
    if (query.sort == Sort::Finished)
        sql.condition += u" AND j.state IN ('completed', 'failed', 'cancelled')"_s;
    if (states.isEmpty())
        return sql;
    return {u"("_s + states.join(u" OR "_s) + u") AND "_s + sql.condition, binds + sql.binds};
}

QString JobBrowserStore::pageSql(const Query &query, const Cursor &after, QVariantList &binds, int limit)
{
    const JobFilter::Sql w = where(query);
    binds = w.binds;
    const QString key = sortKey(query.sort);
    const QString dir = query.descending ? u"DESC"_s : u"ASC"_s;
    QString condition = w.condition;
    if (after.isValid()) {
        // Row comparison: the index on (key, id) seeks straight to the cursor.
        condition += u" AND (%1, j.id) %2 (?::%3, ?)"_s.arg(key, query.descending ? u"<"_s : u">"_s,
                                                             sortCast(query.sort));
        binds << after.key << after.id;
    }
    binds << limit;
    return u"SELECT j.*, (%1)::text AS sort_key FROM queuedesk.jobs j WHERE %2 ORDER BY %1 %3, j.id %3 LIMIT ?"_s
        .arg(key, condition, dir);
}

Result<JobBrowserStore::Page> JobBrowserStore::page(const Query &query, const Cursor &after, int limit)
{
    QVariantList binds;
    const QString sql = pageSql(query, after, binds, limit);
    auto rows = Database::exec(m_db, sql, binds);
    if (!rows)
        return rows.error();
    QSqlQuery &q = rows.value();
    Page page;
    const Job::Columns columns = Job::Columns::of(q);
    const int keyColumn = q.record().indexOf(u"sort_key"_s);
    while (q.next()) {
        page.jobs.append(Job::fromQuery(q, columns));
        page.last = {q.value(keyColumn).toString(), page.jobs.constLast().id};
    }
    page.atEnd = page.jobs.size() < limit;
    if (!page.last.isValid())
        page.last = after;
    return page;
}

Result<JobBrowserStore::Count> JobBrowserStore::count(const Query &query, qint64 exactLimit)
{
    const JobFilter::Sql w = where(query);
    auto bounded = Database::exec(
        m_db, u"SELECT count(*) FROM (SELECT 1 FROM queuedesk.jobs j WHERE %1 LIMIT ?) s"_s.arg(w.condition),
        w.binds + QVariantList{exactLimit + 1});
    if (!bounded)
        return bounded.error();
    bounded.value().next();
    const qint64 exact = bounded.value().value(0).toLongLong();
    if (exact <= exactLimit)
        return Count{exact, true};
    auto plan = Database::exec(
        m_db, u"EXPLAIN (FORMAT JSON) SELECT 1 FROM queuedesk.jobs j WHERE %1"_s.arg(w.condition), w.binds);
    if (!plan)
        return plan.error();
    plan.value().next();
    const QJsonArray doc = QJsonDocument::fromJson(plan.value().value(0).toString().toUtf8()).array();
    const qint64 estimate = doc.at(0).toObject().value(u"Plan"_s).toObject().value(u"Plan Rows"_s).toInteger();
    // The estimate can be below what we just counted; never show less.
    return Count{qMax(estimate, exact), false};
}

Result<QList<qint64>> JobBrowserStore::ids(const Query &query, qint64 afterId, int limit)
{
    const JobFilter::Sql w = where(query);
    auto rows = Database::exec(
        m_db, u"SELECT j.id FROM queuedesk.jobs j WHERE %1 AND j.id > ? ORDER BY j.id LIMIT ?"_s.arg(w.condition),
        w.binds + QVariantList{afterId, limit});
    return SqlValues::ids(rows);
}

Result<QString> JobBrowserStore::explainPage(const Query &query, const Cursor &after, int limit, bool analyze)
{
    QVariantList binds;
    const QString sql = pageSql(query, after, binds, limit);
    auto plan = Database::exec(m_db, (analyze ? u"EXPLAIN (ANALYZE, BUFFERS) "_s : u"EXPLAIN "_s) + sql, binds);
    if (!plan)
        return plan.error();
    QStringList lines;
    while (plan.value().next())
        lines.append(plan.value().value(0).toString());
    return lines.join(u'\n');
}

} // namespace QueueDesk
