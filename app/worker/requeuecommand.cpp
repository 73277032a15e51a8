// queuedesk-worker requeue-failed: dead letters back to waiting.
#include "workercli.h"

#include "queue/jobactionstore.h"
#include "queue/jobfilter.h"

#include <QTextStream>

namespace QueueDesk {

int WorkerCli::requeueFailed(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Put failed jobs back to waiting, all of them or those matching the filters."_s);
    parser.addOptions({
        {u"queue"_s, u"Only this queue."_s, u"name"_s},
        {u"type"_s, u"Only this job type."_s, u"type"_s},
        {u"store"_s, u"Only this store."_s, u"store"_s},
        {u"error"_s, u"Only jobs whose last error contains this text."_s, u"text"_s},
    });
    return withDatabase(parser, args, false, [this, &parser](QSqlDatabase &db, const ConnectionSettings &) {
        JobFilter filter;
        if (parser.isSet(u"queue"_s))
            filter.queues = {parser.value(u"queue"_s)};
        filter.type = parser.value(u"type"_s);
        if (parser.isSet(u"store"_s))
            filter.store = parser.value(u"store"_s);
        filter.errorContains = parser.value(u"error"_s);
        auto outcome = JobActionStore(db).retryAllFailed(filter);
        if (!outcome)
            return fail(outcome.error());
        QTextStream(stdout) << outcome->summary() << '\n';
        return int(ExitOk);
    });
}

} // namespace QueueDesk
