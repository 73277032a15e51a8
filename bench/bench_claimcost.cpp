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

#include <memory>
#include <optional>
#include <vector>

using namespace QueueDesk;
using namespace QueueDesk::Bench;

namespace {

constexpr int batch = 50;
constexpr int fairShare = 20;

struct Backlog
{
    QString label;
    QString templateDb;
    qint64 jobs = 0;
    int stores = 0;
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
        done.append(JobStore::Completion{job.id, job.attempts, {}});
        NewJob next;
        next.queue = job.queue;
        next.type = job.type;
        next.store = job.store;
        again.append(next);
    }
    must(store.complete(worker, done), "complete");
    must(store.enqueueMany(again), "enqueue the replacements");
}

// One backlog under measurement: its own database and connection, and the
// dispatcher's state: the floor from the last full claim, the fair cursor
// from the last claimed store.
struct CostRun
{
    Backlog backlog;
    QString database;
    ScopedConnection conn;
    JobStore::ClaimRequest request{u"bench"_s, u"bench-cost"_s, batch, 300};
    QList<qint64> nanos;
    qint64 claimed = 0;
};

void claimRound(CostRun &run, int claims, bool timed)
{
    JobStore store(run.conn.db());
    for (int i = 0; i < claims; ++i) {
        QElapsedTimer timer;
        timer.start();
        const QList<Job> jobs = must(store.claim(run.request), "claim");
        const qint64 elapsed = timer.nsecsElapsed();
        if (timed) {
            run.nanos.append(elapsed);
            run.claimed += jobs.size();
        }
        run.request.floor.reset();
        if (jobs.size() == batch)
            run.request.floor = JobStore::floorAfter(jobs);
        if (!jobs.isEmpty()) {
            run.request.storeAfter = jobs.last().store;
            recycle(store, run.request.workerId, jobs);
        }
    }
}

std::unique_ptr<CostRun> openRun(BenchServer &server, const Backlog &backlog, int index, std::optional<int> perStoreLimit)
{
    auto run = std::make_unique<CostRun>();
    run->backlog = backlog;
    run->database = u"qdbench_cost_run_%1"_s.arg(index);
    must(server.recreate(run->database, backlog.templateDb), "copy a template");
    must(run->conn.open(server.settings(run->database), u"bench-cost-%1"_s.arg(index)), "connect");
    must(JobTable(run->conn).setPerStoreLimit(u"bench"_s, perStoreLimit), "set per_store_limit");
    must(server.settle(run->database), "settle a run database");
    return run;
}

void reportRun(const CostRun &run, std::optional<int> perStoreLimit)
{
    const LatencyStats stats = LatencyStats::fromNanos(run.nanos);
    const QString config = u"claim of %1, %2, fairness %3"_s.arg(batch).arg(run.backlog.label,
        perStoreLimit ? u"on (per_store_limit %1)"_s.arg(*perStoreLimit) : u"off"_s);
    const QString note = u"%1 claims, avg %2 ms p50 %3 ms p99 %4 ms max %5 ms, %6 jobs/claim"_s.arg(run.nanos.size())
                             .arg(Report::millis(stats.avg), Report::millis(stats.p50), Report::millis(stats.p99),
                                  Report::millis(stats.max))
                             .arg(double(run.claimed) / qMax<qsizetype>(1, run.nanos.size()), 0, 'f', 1);
    Report::line(u"%1: %2"_s.arg(config, note));
    Report::result(config, u"-"_s, u"-"_s, note);
}

// All backlogs are measured in turns of 25 claims each, so a burst of other
// work on the host falls on all of them alike.
QList<LatencyStats> measureFairness(BenchServer &server, const QList<Backlog> &backlogs,
                                    std::optional<int> perStoreLimit, int claims)
{
    Report::heading(u"fairness %1"_s.arg(perStoreLimit ? u"on"_s : u"off"_s));
    std::vector<std::unique_ptr<CostRun>> runs;
    for (int i = 0; i < backlogs.size(); ++i)
        runs.push_back(openRun(server, backlogs[i], i, perStoreLimit));
    for (auto &run : runs)
        claimRound(*run, 20, false);
    for (int done = 0; done < claims; done += 25) {
        for (auto &run : runs)
            claimRound(*run, qMin(25, claims - done), true);
    }
    QList<LatencyStats> stats;
    for (auto &run : runs) {
        reportRun(*run, perStoreLimit);
        stats.append(LatencyStats::fromNanos(run->nanos));
        run->conn.close();
        must(server.drop(run->database), "drop a run database");
    }
    return stats;
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
        const QList<LatencyStats> m = measureFairness(*server, backlogs, limit, claims);
        for (int i = 0; i < backlogs.size(); ++i) {
            rows.append({limit ? u"on (20/store)"_s : u"off"_s, backlogs[i].label, Report::millis(m[i].avg),
                         Report::millis(m[i].p50), Report::millis(m[i].p99),
                         i == 1 ? u"%1 / %2 / %3"_s.arg(ratio(m[1].avg, m[0].avg), ratio(m[1].p50, m[0].p50),
                                                         ratio(m[1].p99, m[0].p99))
                                : u""_s});
        }
    }
    Report::heading(u"summary: claim of %1 latency (ms); ratio = big backlog / 1,000 over 50 stores"_s.arg(batch));
    Report::table({u"fairness"_s, u"backlog"_s, u"avg"_s, u"p50"_s, u"p99"_s, u"ratio avg / p50 / p99"_s}, rows);
    for (const Backlog &backlog : backlogs)
        must(server->drop(backlog.templateDb), "drop a template");
    return 0;
}
