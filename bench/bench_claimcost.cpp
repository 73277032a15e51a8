// Claim cost against backlog size: the latency of one JobStore::claim of 50
// with 1,000 waiting jobs and with 1,000,000 waiting jobs spread over 1,000
// stores, with fairness off (no per_store_limit) and on (per_store_limit 20).
// One worker claims, completes and enqueues as many jobs again (in the
// claimed jobs' stores) so the backlog keeps its size; only the claim is timed.
#include "benchoptions.h"
#include "benchserver.h"
#include "jobtable.h"
#include "latencystats.h"
#include "must.h"
#include "queue/jobstore.h"
#include "report.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <optional>

using namespace QueueDesk;
using namespace QueueDesk::Bench;

namespace {

const QString runDb = u"qdbench_cost_run"_s;
constexpr int batch = 50;
constexpr int fairShare = 20;

struct Backlog
{
    QString label;
    QString templateDb;
    qint64 jobs = 0;
    int stores = 0;
};

struct Measured
{
    LatencyStats stats;
    qint64 claimed = 0;
};

void prepareTemplate(BenchServer &server, const Backlog &backlog)
{
    Report::line(u"preload %1: %2 waiting jobs over %3 stores"_s.arg(backlog.templateDb).arg(backlog.jobs).arg(backlog.stores));
    must(server.recreate(backlog.templateDb), "create a template database");
    must(server.migrate(backlog.templateDb), "migrate a template database");
    {
        ScopedConnection conn;
        must(conn.open(server.settings(backlog.templateDb), u"bench-preload"_s), "connect to a template");
        JobTable table(conn);
        must(table.createQueue(u"bench"_s), "create queue bench");
        must(table.preload(u"bench"_s, backlog.jobs, backlog.stores), "preload jobs");
    }
    must(server.settle(backlog.templateDb), "vacuum a template");
}

// Completes the claimed jobs and puts as many new ones in their stores.
void recycle(JobStore &store, const QString &worker, const QList<Job> &jobs)
{
    QList<JobStore::Completion> done;
    QList<NewJob> again;
    for (const Job &job : jobs) {
        done.append(JobStore::Completion{job.id, {}});
        NewJob next;
        next.queue = job.queue;
        next.type = job.type;
        next.store = job.store;
        again.append(next);
    }
    must(store.complete(worker, done), "complete");
    must(store.enqueueMany(again), "enqueue the replacements");
}

// The dispatcher's loop: floor from the last full claim, the fair cursor
// from the last claimed store.
Measured measureClaims(ScopedConnection &conn, int warmup, int claims)
{
    JobStore store(conn.db());
    JobStore::ClaimRequest request{u"bench"_s, u"bench-cost"_s, batch, 300};
    QList<qint64> nanos;
    qint64 claimed = 0;
    for (int i = 0; i < warmup + claims; ++i) {
        QElapsedTimer timer;
        timer.start();
        const QList<Job> jobs = must(store.claim(request), "claim");
        const qint64 elapsed = timer.nsecsElapsed();
        if (i >= warmup) {
            nanos.append(elapsed);
            claimed += jobs.size();
        }
        request.floor = 0;
        if (jobs.size() == batch) {
            request.floor = jobs.first().readySeq;
            for (const Job &job : jobs)
                request.floor = qMin(request.floor, job.readySeq);
        }
        if (!jobs.isEmpty()) {
            request.storeAfter = jobs.last().store;
            recycle(store, request.workerId, jobs);
        }
    }
    return {LatencyStats::fromNanos(nanos), claimed};
}

Measured runCell(BenchServer &server, const Backlog &backlog, std::optional<int> perStoreLimit, int claims)
{
    must(server.recreate(runDb, backlog.templateDb), "copy a template");
    {
        ScopedConnection conn;
        must(conn.open(server.settings(runDb), u"bench-config"_s), "connect");
        must(JobTable(conn).setPerStoreLimit(u"bench"_s, perStoreLimit), "set per_store_limit");
    }
    must(server.settle(runDb), "settle the run database");
    ScopedConnection conn;
    must(conn.open(server.settings(runDb), u"bench-cost"_s), "connect");
    const Measured m = measureClaims(conn, 20, claims);
    const QString config = u"claim of %1, %2, fairness %3"_s.arg(batch).arg(backlog.label,
        perStoreLimit ? u"on (per_store_limit %1)"_s.arg(*perStoreLimit) : u"off"_s);
    const QString note = u"%1 claims, avg %2 ms p50 %3 ms p99 %4 ms max %5 ms, %6 jobs/claim"_s.arg(claims)
                             .arg(Report::millis(m.stats.avg), Report::millis(m.stats.p50), Report::millis(m.stats.p99),
                                  Report::millis(m.stats.max))
                             .arg(double(m.claimed) / claims, 0, 'f', 1);
    Report::line(u"%1: %2"_s.arg(config, note));
    Report::result(config, u"-"_s, u"-"_s, note);
    return m;
}

QString ratio(double big, double small)
{
    return small > 0 ? QString::number(big / small, 'f', 2) : u"-"_s;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Claim latency with a small and a big backlog, fairness off and on."_s);
    BenchOptions::addTo(parser);
    parser.addOption({u"claims"_s, u"Timed claims per configuration."_s, u"n"_s});
    parser.process(app);
    const BenchOptions options = must(BenchOptions::from(parser), "read the options");
    const int claims = parser.isSet(u"claims"_s) ? parser.value(u"claims"_s).toInt() : int(options.size(500, 100));
    const qint64 bigJobs = options.size(1000000, 100000);
    // The small backlog keeps 20 jobs per store, so that a fair claim of 50
    // visits 3 stores in both; the wide one is the fair claim's worst case.
    const QList<Backlog> backlogs{
        {u"1,000 waiting over 50 stores"_s, u"qdbench_cost_small"_s, 1000, 50},
        {u"%1 waiting over 1,000 stores"_s.arg(Report::number(bigJobs)), u"qdbench_cost_big"_s, bigJobs, 1000},
        {u"1,000 waiting over 1,000 stores"_s, u"qdbench_cost_wide"_s, 1000, 1000}};
    auto server = must(BenchServer::start(options), "start the server");
    Report::heading(u"bench_claimcost on %1"_s.arg(server->describe()));
    for (const Backlog &backlog : backlogs)
        prepareTemplate(*server, backlog);
    QList<QStringList> rows;
    for (std::optional<int> limit : {std::optional<int>(), std::optional<int>(fairShare)}) {
        Report::heading(u"fairness %1"_s.arg(limit ? u"on"_s : u"off"_s));
        QList<Measured> m;
        for (const Backlog &backlog : backlogs)
            m.append(runCell(*server, backlog, limit, claims));
        for (int i = 0; i < backlogs.size(); ++i) {
            rows.append({limit ? u"on (20/store)"_s : u"off"_s, backlogs[i].label, Report::millis(m[i].stats.avg),
                         Report::millis(m[i].stats.p50), Report::millis(m[i].stats.p99),
                         i == 1 ? u"%1 / %2 / %3"_s.arg(ratio(m[1].stats.avg, m[0].stats.avg),
                                                         ratio(m[1].stats.p50, m[0].stats.p50),
                                                         ratio(m[1].stats.p99, m[0].stats.p99))
                                : u""_s});
        }
    }
    Report::heading(u"summary: claim of %1 latency (ms); ratio = big backlog / 1,000 over 50 stores"_s.arg(batch));
    Report::table({u"fairness"_s, u"backlog"_s, u"avg"_s, u"p50"_s, u"p99"_s, u"ratio avg / p50 / p99"_s}, rows);
    must(server->drop(runDb), "drop the run database");
    for (const Backlog &backlog : backlogs)
        must(server->drop(backlog.templateDb), "drop a template");
    return 0;
}
