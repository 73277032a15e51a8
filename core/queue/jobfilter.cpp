#include "jobfilter.h"

#include "queue/sqlvalues.h"

namespace QueueDesk {

bool JobFilter::isEmpty() const
{
    return queues.isEmpty() && type.isEmpty() && !store && states.isEmpty() && ids.isEmpty()
        && errorContains.isEmpty() && payloadEquals.isEmpty() && !createdAfter.isValid()
        && !createdBefore.isValid() && !finishedAfter.isValid() && !finishedBefore.isValid();
}

JobFilter::Sql JobFilter::toSql(const QString &alias) const
{
    // Values stay binds so the driver escapes them; lists travel as array
    // text. Each term is written so an index on its column can serve it.
    const QString p = alias.isEmpty() ? QString() : alias + u'.';
    QStringList terms;
    QVariantList binds;
    auto add = [&](const QString &term, const QVariant &value) {
        terms.append(term);
        binds.append(value);
    };
    if (!queues.isEmpty())
        add(p + u"queue = ANY (?::text[])"_s, SqlValues::textArray(queues));
    if (!type.isEmpty())
        add(p + u"type = ?"_s, type);
    if (store)
        add(p + u"store = ?"_s, *store);
    if (!states.isEmpty()) {
        QStringList names;
        for (JobState state : states)
            names.append(jobStateName(state));
        add(p + u"state = ANY (?::text[])"_s, SqlValues::textArray(names));
    }
    if (!ids.isEmpty())
        add(p + u"id = ANY (?::bigint[])"_s, SqlValues::idArray(ids));
    // strpos, not LIKE: the operator's text may hold % or _.
    if (!errorContains.isEmpty())
        add(u"strpos(lower(%1errors -> -1 ->> 'message'), lower(?)) > 0"_s.arg(p), errorContains);
    if (!payloadEquals.isEmpty())
        add(p + u"payload @> ?::jsonb"_s, SqlValues::json(payloadEquals));
    if (createdAfter.isValid())
        add(p + u"created_at >= ?::timestamptz"_s, SqlValues::timestamp(createdAfter));
    if (createdBefore.isValid())
        add(p + u"created_at < ?::timestamptz"_s, SqlValues::timestamp(createdBefore));
    // Only finished jobs have a finish time; saying so lets the planner use
    // the partial indexes of finished jobs (jobs_finished_at).
    if (finishedAfter.isValid() || finishedBefore.isValid())
        terms.append(p + u"state IN ('completed', 'failed', 'cancelled')"_s);
    if (finishedAfter.isValid())
        add(p + u"finished_at >= ?::timestamptz"_s, SqlValues::timestamp(finishedAfter));
    if (finishedBefore.isValid())
        add(p + u"finished_at < ?::timestamptz"_s, SqlValues::timestamp(finishedBefore));
    if (terms.isEmpty())
        return {u"true"_s, {}};
    return {u"("_s + terms.join(u") AND ("_s) + u')', binds};
}

} // namespace QueueDesk
