// Jobs browser: with 10,000,000 jobs (--quick: 1,000,000), the SQL time of
// the first page of each filter (target <= 100 ms), of the next page while
// scrolling (target <= 20 ms) and of the count of matches, through
// JobBrowserStore itself; then a bulk requeue of 100,000 failed jobs through
// JobActionStore. EXPLAIN (ANALYZE, BUFFERS) of every first and next page is
// written to a file.
#include "benchoptions.h"
#include "bulkguirun.h"
#include "benchserver.h"
#include "db/database.h"
#include "must.h"
#include "queue/jobactionstore.h"
#include "queue/jobbrowserstore.h"
#include "report.h"
#include "scopedconnection.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>

using namespace QueueDesk;
using namespace QueueDesk::Bench;

namespace {

constexpr double FirstTargetMs = 100;
constexpr double NextTargetMs = 20;
constexpr qint64 DeadJobs = 100000;

// 70% completed, 10% failed, 10% waiting, 5% scheduled (half of them
// retrying), 5% active (a tenth of those stalled), over 8 queues, 20 types,
// 1,000 stores and 30 days; plus a queue of exactly 100,000 failed jobs for
// the bulk requeue.
QString seedSql(qint64 jobs)
{
    return uR"(
INSERT INTO queuedesk.queues (name) SELECT 'q' || i FROM generate_series(0, 7) i;
INSERT INTO queuedesk.queues (name) VALUES ('dead');
INSERT INTO queuedesk.jobs (queue, type, store, payload, priority, state, attempts, run_at, errors,
                            locked_by, lease_until, created_at, started_at, finished_at)
SELECT 'q' || (g % 8), 't' || (g % 20), 's' || (g % 1000),
       jsonb_build_object('url', 'https://example.com/p/' || g, 'n', g % 1000), g % 7 - 3,
       st, CASE WHEN st IN ('failed') THEN 5 WHEN st = 'completed' OR st = 'active' THEN 1
                WHEN st = 'scheduled' AND (g / 20) % 2 = 0 THEN 2 ELSE 0 END,
       c + CASE WHEN st = 'scheduled' THEN interval '40 days' ELSE interval '0' END,
       CASE WHEN st = 'failed' THEN jsonb_build_array(jsonb_build_object('message',
            CASE WHEN g % 3 = 0 THEN 'timeout after 30 s' ELSE 'HTTP 503 from upstream' END)) END,
       CASE WHEN st = 'active' THEN 'w' || (g % 50) END,
       CASE WHEN st = 'active' THEN now() + CASE WHEN g % 10 = 0 THEN interval '-5 min' ELSE interval '5 min' END END,
       c, CASE WHEN st IN ('completed', 'failed', 'active') THEN c + interval '1 s' END,
       CASE WHEN st IN ('completed', 'failed') THEN c + make_interval(secs => 1 + g % 90) END
  FROM (SELECT g, now() - make_interval(secs => (%1 - g) * 2592000.0 / %1) AS c,
               CASE WHEN g % 20 < 14 THEN 'completed' WHEN g % 20 < 16 THEN 'failed'
                    WHEN g % 20 < 18 THEN 'waiting' WHEN g % 20 = 18 THEN 'scheduled' ELSE 'active' END AS st
          FROM generate_series(1, %1) g) s;
INSERT INTO queuedesk.jobs (queue, type, state, attempts, errors, created_at, finished_at)
SELECT 'dead', 'http', 'failed', 5, '[{"message": "gone"}]', now() - interval '1 day', now() - interval '1 hour'
  FROM generate_series(1, %2);
)"_s.arg(jobs).arg(DeadJobs);
}

struct Case
{
    QString name;
    JobBrowserStore::Query query;
};

QList<Case> cases()
{
    using Sort = JobBrowserStore::Sort;
    auto q = [](auto setup) { JobBrowserStore::Query query; setup(query); return query; };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return {
        {u"all, by id"_s, {}},
        {u"waiting"_s, q([](auto &x) { x.filter.states = {JobState::Waiting}; })},
        {u"failed"_s, q([](auto &x) { x.filter.states = {JobState::Failed}; })},
        {u"delayed"_s, q([](auto &x) { x.delayed = true; })},
        {u"retrying"_s, q([](auto &x) { x.retrying = true; })},
        {u"stalled"_s, q([](auto &x) { x.stalled = true; })},
        {u"queue q3"_s, q([](auto &x) { x.filter.queues = {u"q3"_s}; })},
        {u"type t5"_s, q([](auto &x) { x.filter.type = u"t5"_s; })},
        {u"store s42"_s, q([](auto &x) { x.filter.store = u"s42"_s; })},
        {u"payload url = one job"_s,
         q([](auto &x) { x.filter.payloadEquals = {{u"url"_s, u"https://example.com/p/4242"_s}}; })},
        {u"error contains timeout"_s, q([](auto &x) { x.filter.errorContains = u"timeout"_s; })},
        {u"created in the last day"_s, q([now](auto &x) { x.filter.createdAfter = now.addDays(-1); })},
        {u"finished 10-11 days ago"_s, q([now](auto &x) {
             x.filter.finishedAfter = now.addDays(-11);
             x.filter.finishedBefore = now.addDays(-10);
         })},
        {u"finished 10-11 days ago, by finished"_s, q([now](auto &x) {
             x.filter.finishedAfter = now.addDays(-11);
             x.filter.finishedBefore = now.addDays(-10);
             x.sort = Sort::Finished;
         })},
        {u"all, by created"_s, q([](auto &x) { x.sort = Sort::Created; })},
        {u"waiting, by priority"_s, q([](auto &x) {
             x.filter.states = {JobState::Waiting};
             x.sort = Sort::Priority;
         })},
        {u"scheduled, by run-at"_s, q([](auto &x) {
             x.filter.states = {JobState::Scheduled};
             x.sort = Sort::RunAt;
         })},
        {u"finished, by runtime"_s, q([](auto &x) {
             x.filter.states = {JobState::Completed, JobState::Failed, JobState::Cancelled};
             x.sort = Sort::Runtime;
         })},
        // Not indexed on purpose (004_browse.sql): a sort of every match.
        {u"all, by priority (no index)"_s, q([](auto &x) { x.sort = Sort::Priority; })},
        {u"failed q3, by created"_s, q([](auto &x) {
             x.filter.states = {JobState::Failed};
             x.filter.queues = {u"q3"_s};
             x.sort = Sort::Created;
         })},
    };
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

template<typename F>
double timeMs(F &&work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

QStringList measure(QSqlDatabase &db, const Case &c, int runs, QFile &plans)
{
    JobBrowserStore store(db);
    QList<double> first, next, count;
    JobBrowserStore::Cursor cursor;
    QString counted;
    for (int i = 0; i < runs; ++i) {
        first.append(timeMs([&] { cursor = must(store.page(c.query, {}), "read a first page").last; }));
        next.append(timeMs([&] { must(store.page(c.query, cursor), "read a next page"); }));
        count.append(timeMs([&] {
            const auto n = must(store.count(c.query), "count");
            counted = (n.exact ? QString() : u"about "_s) + Report::number(double(n.value));
        }));
    }
    plans.write((u"==== %1: first page\n%2\n==== %1: next page\n%3\n\n"_s
                     .arg(c.name, must(store.explainPage(c.query, {}, 200, true), "explain"),
                          must(store.explainPage(c.query, cursor, 200, true), "explain")))
                    .toUtf8());
    const double f = median(first);
    const double n = median(next);
    Report::result(u"jobs browser: %1"_s.arg(c.name), u"-"_s, u"-"_s,
                   u"first %1 ms (%2), next %3 ms (%4), count %5 ms"_s
                       .arg(Report::millis(f), f <= FirstTargetMs ? u"met"_s : u"MISSED"_s, Report::millis(n),
                            n <= NextTargetMs ? u"met"_s : u"MISSED"_s, Report::millis(median(count))));
    return {c.name, Report::millis(f), Report::millis(n), Report::millis(median(count)), counted};
}

// The 'dead' queue as seeded (all failed), after a requeue moved it on.
void failDeadQueueAgain(QSqlDatabase &db)
{
    must(Database::exec(db, u"UPDATE queuedesk.jobs SET state = 'failed', attempts = 5, "
                            u"finished_at = now() - interval '1 hour' WHERE queue = 'dead' AND state <> 'failed'"_s),
         "fail the dead queue again");
}

// An earlier run's dataset, brought up to the current schema, with the
// queue that run requeued failed again; false when there is none to reuse.
bool reusable(BenchServer &server, const QString &database, qint64 jobs, ScopedConnection &conn)
{
    if (Status opened = conn.open(server.settings(database), u"bench"_s); !opened)
        return false;
    auto rows = Database::exec(conn.db(), u"SELECT reltuples::bigint FROM pg_class WHERE oid = 'queuedesk.jobs'::regclass"_s);
    if (!rows || !rows.value().next() || qAbs(rows.value().value(0).toLongLong() - jobs - DeadJobs) > jobs / 20) {
        conn.close();
        return false;
    }
    must(server.migrate(database), "migrate the kept dataset");
    failDeadQueueAgain(conn.db());
    Report::line(u"reusing %1"_s.arg(database));
    return true;
}

void bulkRequeue(QSqlDatabase &db)
{
    JobFilter filter;
    filter.queues = {u"dead"_s};
    filter.states = {JobState::Failed};
    BulkOutcome outcome;
    const double ms = timeMs([&] { outcome = must(JobActionStore(db).requeue(filter), "bulk requeue"); });
    Report::heading(u"bulk requeue of the 'dead' queue's failed jobs (JobActionStore, chunks of 10,000)"_s);
    Report::table({u"outcome"_s, u"seconds"_s, u"jobs/s"_s},
                  {{outcome.summary(), Report::millis(ms / 1000), Report::number(double(outcome.changed) / (ms / 1000))}});
    Report::result(u"jobs browser: bulk requeue"_s, u"-"_s, u"-"_s,
                   u"%1 in %2 s"_s.arg(outcome.summary(), Report::millis(ms / 1000)));
}

} // namespace

// The same requeue again, from the GUI's runner, with the event loop watched.
void bulkRequeueInGui(BenchServer &server, const QString &database, QSqlDatabase &db)
{
    failDeadQueueAgain(db);
    must(server.settle(database), "vacuum analyze");
    const auto run = must(BulkGuiRun::requeue(server.settings(database), u"dead"_s, 600), "requeue from the GUI");
    Report::heading(u"the same requeue from the jobs page's BulkActionRunner (store thread, progress dialog), GUI event loop watched"_s);
    Report::table({u"outcome"_s, u"seconds"_s, u"longest stall ms"_s, u"worst p99 of a 0.5 s slice, ms"_s, u"stalls > 16 ms"_s},
                  {{run.summary, Report::millis(run.seconds), Report::millis(run.maxStallMs),
                    Report::millis(run.p99StallMs), QString::number(run.stallsOver16Ms)}});
    Report::result(u"jobs browser: bulk requeue from the GUI"_s, u"-"_s, u"-"_s,
                   u"%1 in %2 s; longest GUI stall %3 ms"_s.arg(run.summary, Report::millis(run.seconds),
                                                                  Report::millis(run.maxStallMs)));
}

int main(int argc, char **argv)
{
    // The GUI phase needs no screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Jobs browser page, count and bulk action SQL against a big jobs table."_s);
    BenchOptions::addTo(parser);
    parser.addOption({u"jobs"_s, u"Jobs in the table (default 10,000,000; --quick 1,000,000)."_s, u"n"_s});
    parser.addOption({u"plans"_s, u"Where to write the EXPLAIN output."_s, u"file"_s});
    parser.addOption({u"no-gui"_s, u"Skip the bulk requeue from the GUI's runner."_s});
    parser.addOption({u"only-gui"_s, u"Only the bulk requeue from the GUI's runner (with --reuse)."_s});
    parser.addOption({u"reuse"_s, u"Keep the dataset of an earlier run with the same --jobs (its cluster must be kept: --data-dir)."_s});
    parser.process(app);
    BenchOptions options = must(BenchOptions::from(parser), "read the options");
    if (!parser.isSet(u"data-dir"_s) && options.dsn.isEmpty())
        options.dataDir = u"/tmp/queuedesk-bench-jobsbrowser"_s;
    const qint64 jobs = parser.isSet(u"jobs"_s) ? parser.value(u"jobs"_s).toLongLong()
                                                : options.size(10000000, 1000000);
    const QString plansPath = parser.isSet(u"plans"_s) ? parser.value(u"plans"_s)
                                                       : u"/tmp/queuedesk-jobsbrowser-plans.txt"_s;
    auto server = must(BenchServer::start(options), "start the server");
    const QString database = u"bench_jobsbrowser_%1"_s.arg(jobs);
    ScopedConnection conn;
    if (!parser.isSet(u"reuse"_s) || !reusable(*server, database, jobs, conn)) {
        must(server->recreate(database), "create the database");
        must(server->migrate(database), "migrate");
        must(conn.open(server->settings(database), u"bench"_s), "connect");
        const double seedMs = timeMs([&] { must(Database::execScript(conn.db(), seedSql(jobs)), "seed"); });
        Report::line(u"seeded in %1 s"_s.arg(Report::millis(seedMs / 1000)));
    }
    Report::heading(u"jobs browser on %1 jobs (%2)"_s.arg(Report::number(double(jobs)), server->describe()));
    must(server->settle(database), "vacuum analyze");

    if (parser.isSet(u"only-gui"_s)) {
        bulkRequeueInGui(*server, database, conn.db());
        return 0;
    }
    QFile plans(plansPath);
    if (!plans.open(QIODevice::WriteOnly | QIODevice::Truncate))
        abortBench("open the plans file", Error(Error::Code::InvalidArgument, plansPath));
    QList<QStringList> rows;
    for (const Case &c : cases())
        rows.append(measure(conn.db(), c, options.quick ? 3 : 5, plans));
    Report::heading(u"page SQL, median ms (first page target <= %1 ms, next page <= %2 ms)"_s
                        .arg(FirstTargetMs).arg(NextTargetMs));
    Report::table({u"filter"_s, u"first page"_s, u"next page"_s, u"count"_s, u"matches"_s}, rows);
    Report::line(u"EXPLAIN (ANALYZE, BUFFERS) of each first and next page: %1"_s.arg(plansPath));
    bulkRequeue(conn.db());
    if (!parser.isSet(u"no-gui"_s))
        bulkRequeueInGui(*server, database, conn.db());
    return 0;
}
