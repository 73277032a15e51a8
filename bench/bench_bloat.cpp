// Bloat: what 1,000,000 claimed and completed jobs leave behind in
// queuedesk.jobs (dead tuples, HOT updates, table and index sizes), and the
// claim+complete throughput while another session holds a transaction open
// (BEGIN; SELECT txid_current();), against the same run without it.
#include "benchoptions.h"
#include "benchserver.h"
#include "claimrun.h"
#include "jobtable.h"
#include "must.h"
#include "report.h"

#include <QCoreApplication>
#include <QElapsedTimer>

using namespace QueueDesk;
using namespace QueueDesk::Bench;

namespace {

const QString templateDb = u"qdbench_bloat_template"_s;
const QString runDb = u"qdbench_bloat_run"_s;

void prepareTemplate(BenchServer &server, qint64 rows)
{
    Report::line(u"preload %1: %2 waiting no-op jobs"_s.arg(templateDb, Report::number(rows)));
    must(server.recreate(templateDb), "create the template database");
    must(server.migrate(templateDb), "migrate the template database");
    {
        ScopedConnection conn;
        must(conn.open(server.settings(templateDb), u"bench-preload"_s), "connect to the template");
        JobTable table(conn);
        must(table.createQueue(u"bench"_s), "create queue bench");
        must(table.preload(u"bench"_s, rows), "preload jobs");
    }
    must(server.settle(templateDb), "vacuum the template");
}

void freshRun(BenchServer &server)
{
    must(server.recreate(runDb, templateDb), "copy the template");
    must(server.settle(runDb), "settle the run database");
}

QMap<QString, qint64> sizeMap(JobTable &table)
{
    QMap<QString, qint64> sizes;
    for (const auto &size : must(table.sizes(), "read the sizes"))
        sizes.insert(size.name, size.bytes);
    return sizes;
}

void reportStats(JobTable &table, const QString &when)
{
    const JobTable::Stats s = must(table.stats(), "read pg_stat_user_tables");
    const double hot = s.updates > 0 ? 100.0 * s.hotUpdates / s.updates : 0;
    const QString note = u"n_live_tup=%1 n_dead_tup=%2 n_tup_upd=%3 n_tup_hot_upd=%4 (%5% HOT) autovacuum_count=%6 "
                         u"autoanalyze_count=%7"_s.arg(s.live).arg(s.dead).arg(s.updates).arg(s.hotUpdates)
                             .arg(hot, 0, 'f', 1).arg(s.autovacuums).arg(s.autoanalyzes);
    Report::line(u"%1: %2"_s.arg(when, note));
    Report::result(u"bloat: stats %1"_s.arg(when), u"-"_s, u"-"_s, note);
}

void reportSizes(const QMap<QString, qint64> &before, const QMap<QString, qint64> &after, const QMap<QString, qint64> &vacuumed)
{
    QList<QStringList> rows;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        rows.append({it.key(), formatBytes(before.value(it.key())), formatBytes(it.value()),
                     formatBytes(vacuumed.value(it.key()))});
        Report::result(u"bloat: size %1"_s.arg(it.key()), u"-"_s, u"-"_s,
                       u"preloaded %1, drained %2, after VACUUM %3"_s.arg(before.value(it.key())).arg(it.value())
                           .arg(vacuumed.value(it.key())));
    }
    Report::table({u"relation"_s, u"preloaded"_s, u"after the drain"_s, u"after VACUUM"_s}, rows);
}

// Claims and completes every preloaded job, then reads what is left behind.
void drainAndMeasure(BenchServer &server, qint64 rows)
{
    Report::heading(u"bloat after claiming and completing %1 jobs (2 threads, B=500, floor on)"_s.arg(Report::number(rows)));
    freshRun(server);
    ScopedConnection conn;
    must(conn.open(server.settings(runDb), u"bench-bloat"_s), "connect");
    JobTable table(conn);
    const auto before = sizeMap(table);
    conn.close();
    const auto drained = must(ClaimRun(server.settings(runDb), {u"bench"_s, 2, 500, true, 0}).run(), "drain");
    Report::line(u"drained %1 jobs in %2 s (%3 jobs/s)"_s.arg(drained.jobs).arg(drained.seconds, 0, 'f', 1)
                     .arg(Report::number(drained.jobsPerSecond())));
    // Ended sessions flush their statistics: read them from a new one.
    must(server.waitIdle(runDb), "wait for the workers' sessions to end");
    must(conn.open(server.settings(runDb), u"bench-bloat"_s), "connect");
    reportStats(table, u"right after the drain"_s);
    const auto after = sizeMap(table);
    QElapsedTimer timer;
    timer.start();
    must(conn.exec(u"VACUUM queuedesk.jobs"_s), "VACUUM");
    Report::line(u"VACUUM queuedesk.jobs took %1 s"_s.arg(timer.nsecsElapsed() / 1e9, 0, 'f', 2));
    reportStats(table, u"after VACUUM"_s);
    reportSizes(before, after, sizeMap(table));
}

struct Throughput
{
    double jobsPerSecond = 0;
    QString note;
};

// One timed claim+complete run, optionally beside an open transaction.
Throughput timedRun(BenchServer &server, double seconds, bool floor, bool longTransaction)
{
    freshRun(server);
    ScopedConnection holder;
    must(holder.open(server.settings(runDb), u"bench-holder"_s), "connect the holder");
    if (longTransaction) {
        if (!holder.db().transaction())
            abortBench("BEGIN", Error(Error::Code::Database, u"could not begin"_s));
        must(holder.exec(u"SELECT txid_current()"_s), "SELECT txid_current()");
    }
    const auto outcome = must(ClaimRun(server.settings(runDb), {u"bench"_s, 2, 50, floor, seconds}).run(), "claim run");
    must(server.waitIdle(runDb, 1), "wait for the workers' sessions to end");
    const JobTable::Stats s = must(JobTable(holder).stats(), "read pg_stat_user_tables");
    if (longTransaction)
        holder.db().rollback();
    const QString config = u"claim+complete B=50 threads=2 floor=%1 %2"_s.arg(floor ? u"on"_s : u"off"_s,
        longTransaction ? u"with a transaction held open"_s : u"alone"_s);
    const QString note = u"jobs/s first->last 2s: %1; n_dead_tup=%2 autovacuum_count=%3"_s.arg(outcome.curve())
                             .arg(s.dead).arg(s.autovacuums);
    Report::line(u"%1: %2 jobs/s (%3)"_s.arg(config, Report::number(outcome.jobsPerSecond()), note));
    Report::result(config, u"-"_s, Report::number(outcome.jobsPerSecond()), note);
    return {outcome.jobsPerSecond(), note};
}

void longTransactionRuns(BenchServer &server, double seconds, QList<bool> floors)
{
    Report::heading(u"claim+complete with and without a long-open transaction (%1 s per run)"_s.arg(seconds));
    QList<QStringList> rows;
    for (bool floor : floors) {
        const Throughput alone = timedRun(server, seconds, floor, false);
        const Throughput held = timedRun(server, seconds, floor, true);
        rows.append({floor ? u"on"_s : u"off"_s, Report::number(alone.jobsPerSecond), Report::number(held.jobsPerSecond),
                     Report::ratio(held.jobsPerSecond, alone.jobsPerSecond)});
    }
    Report::table({u"floor"_s, u"alone jobs/s"_s, u"with open transaction jobs/s"_s, u"ratio"_s}, rows);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Dead tuples and sizes after 1M jobs; throughput beside a long transaction."_s);
    BenchOptions::addTo(parser);
    parser.addOption({u"rows"_s, u"Jobs to claim and complete."_s, u"n"_s});
    parser.process(app);
    const BenchOptions options = must(BenchOptions::from(parser), "read the options");
    const qint64 rows = parser.isSet(u"rows"_s) ? parser.value(u"rows"_s).toLongLong() : options.size(1000000, 100000);
    auto server = must(BenchServer::start(options), "start the server");
    Report::heading(u"bench_bloat on %1"_s.arg(server->describe()));
    prepareTemplate(*server, rows);
    drainAndMeasure(*server, rows);
    longTransactionRuns(*server, options.runSeconds(10, 3), options.quick ? QList<bool>{true} : QList<bool>{true, false});
    must(server->drop(runDb), "drop the run database");
    must(server->drop(templateDb), "drop the template");
    return 0;
}
