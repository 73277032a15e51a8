// Claim + complete throughput of no-op jobs (JobStore::claim of B, then
// JobStore::complete of the batch) with 1, 2 and 4 threads, with and without
// the ready_seq floor, against the pgbench ceiling: the same claim and
// complete in raw SQL, same number of clients, same table, same preload.
// Every configuration runs on a fresh copy of one preloaded database.
#include "benchoptions.h"
#include "benchserver.h"
#include "claimrun.h"
#include "jobtable.h"
#include "must.h"
#include "pgbench.h"
#include "report.h"

#include <QCoreApplication>
#include <QElapsedTimer>

using namespace QueueDesk;
using namespace QueueDesk::Bench;

namespace {

const QString templateDb = u"qdbench_claim_template"_s;
const QString runDb = u"qdbench_claim_run"_s;

struct Matrix
{
    QList<int> threads;
    QList<int> batches;
    qint64 rows = 0;
    int seconds = 0;
    int repeat = 1;
    bool pgbenchFloor = false;
};

// One run's throughput and the CPU it cost: server + client microseconds
// per completed job, and the cores other processes took meanwhile.
struct Measure
{
    double jobs = 0;
    double cpuPerJob = 0;
    double other = 0;

    double operator/(const Measure &base) const { return base.jobs > 0 ? jobs / base.jobs : 0; }
};

Measure measureOf(double jobsPerSecond, const CpuMeter::Usage &cpu, qint64 completed)
{
    if (completed <= 0 || cpu.server < 0)
        return {jobsPerSecond, 0, 0};
    return {jobsPerSecond, (cpu.server + cpu.client) / completed * 1e6, qMax(0.0, cpu.other()) / cpu.wall};
}

struct Cell
{
    int batch = 0;
    int threads = 0;
    Measure ceiling;
    Measure ceilingFloor;
    Measure ceilingSeek;
    Measure ourSql;
    Measure plain;
    Measure floor;
};

QList<int> intList(const QString &text)
{
    QList<int> values;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        values.append(part.trimmed().toInt());
    return values;
}

void prepareTemplate(BenchServer &server, qint64 rows)
{
    Report::heading(u"preload: %1 waiting no-op jobs in queue 'bench' (template %2)"_s.arg(Report::number(rows), templateDb));
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

// Every run starts from the same table: a fresh file copy of the template,
// vacuumed, analysed and checkpointed.
void freshRun(BenchServer &server)
{
    must(server.recreate(runDb, templateDb), "copy the template");
    must(server.settle(runDb), "settle the run database");
}

// Completed and still-waiting rows after a run: checks the figure and that
// the table never ran dry.
struct TableCheck
{
    qint64 completed = 0;
    QString note;
};

TableCheck checkTable(BenchServer &server, double seconds)
{
    ScopedConnection conn;
    must(conn.open(server.settings(runDb), u"bench-check"_s), "connect to check");
    const auto counts = must(JobTable(conn).countByState(), "count jobs");
    TableCheck check{counts.value(u"completed"_s)};
    check.note = u"completed=%1 (%2/s) waiting=%3"_s.arg(check.completed).arg(Report::number(check.completed / seconds))
                     .arg(counts.value(u"waiting"_s));
    if (counts.value(u"waiting"_s) == 0)
        check.note += u" DRAINED: raise --rows"_s;
    return check;
}

// CPU spent by the server and by the client over one run, per completed job.
class RunMeter final
{
public:
    explicit RunMeter(BenchServer &server)
        : m_server(server)
        , m_meter(server.cpuMeter())
        , m_before(m_meter.sample())
    {
        m_wall.start();
    }

    CpuMeter::Usage finish()
    {
        must(m_server.waitIdle(runDb), "wait for the sessions to end");
        return CpuMeter::between(m_before, m_meter.sample(), m_wall.nsecsElapsed() / 1e9);
    }

private:
    BenchServer &m_server;
    CpuMeter m_meter;
    CpuMeter::Sample m_before;
    QElapsedTimer m_wall;
};

enum class Script { Ceiling, CeilingFloor, CeilingSeekFloor, OurSql };

Measure runPgbench(BenchServer &server, const Matrix &m, int threads, int batch, Script kind)
{
    freshRun(server);
    const bool floor = kind == Script::CeilingFloor || kind == Script::CeilingSeekFloor;
    const QString script = kind == Script::OurSql             ? u"claim-function.pgbench"_s
                           : kind == Script::CeilingSeekFloor ? u"claim-seekfloor.pgbench"_s
                           : floor                            ? u"claim-floor.pgbench"_s
                                                              : u"claim.pgbench"_s;
    QStringList defines{u"b=%1"_s.arg(batch)};
    if (floor)
        defines << u"floor=0"_s;
    RunMeter meter(server);
    const auto outcome = must(Pgbench::run(server, runDb, {script, threads, m.seconds, defines}), "pgbench");
    const CpuMeter::Usage cpu = meter.finish();
    const double jobs = outcome.tps * batch;
    const TableCheck check = checkTable(server, m.seconds);
    const QString what = kind == Script::OurSql             ? u"pgbench queuedesk.claim()+complete SQL"_s
                         : kind == Script::CeilingSeekFloor ? u"pgbench ceiling seekable floor"_s
                         : floor                            ? u"pgbench ceiling floor"_s
                                                            : u"pgbench ceiling"_s;
    const QString config = u"%1 B=%2 clients=%3"_s.arg(what).arg(batch).arg(threads);
    const QString note = u"tps=%1 lat=%2ms jobs/s first->last 2s: %3; %4; %5"_s
                             .arg(outcome.tps, 0, 'f', 1).arg(outcome.latencyMs, 0, 'f', 3)
                             .arg(Pgbench::curve(outcome, batch), check.note, cpu.perJob(check.completed));
    Report::line(u"%1: %2 jobs/s (%3)"_s.arg(config, Report::number(jobs), note));
    Report::result(config, u"-"_s, Report::number(jobs), note);
    return measureOf(jobs, cpu, check.completed);
}

Measure runOurs(BenchServer &server, const Matrix &m, int threads, int batch, bool floor, double ceiling)
{
    freshRun(server);
    ClaimRun::Config config{u"bench"_s, threads, batch, floor, double(m.seconds)};
    RunMeter meter(server);
    const auto outcome = must(ClaimRun(server.settings(runDb), config).run(), "claim run");
    const CpuMeter::Usage cpu = meter.finish();
    const double jobs = outcome.jobsPerSecond();
    const TableCheck check = checkTable(server, outcome.seconds);
    const QString label = u"claim+complete B=%1 threads=%2 floor=%3"_s.arg(batch).arg(threads).arg(floor ? u"on"_s : u"off"_s);
    const QString note = u"vs ceiling %1; claims=%2 short=%3 jobs/s first->last 2s: %4; %5; %6"_s
                             .arg(Report::ratio(jobs, ceiling)).arg(outcome.claims).arg(outcome.shortClaims)
                             .arg(outcome.curve(), check.note, cpu.perJob(check.completed));
    Report::line(u"%1: %2 jobs/s (%3)"_s.arg(label, Report::number(jobs), note));
    Report::result(label, u"-"_s, Report::number(jobs), note);
    return measureOf(jobs, cpu, check.completed);
}

Cell runTurn(BenchServer &server, const Matrix &m, int batch, int threads)
{
    Cell cell{batch, threads};
    cell.ceiling = runPgbench(server, m, threads, batch, Script::Ceiling);
    if (m.pgbenchFloor) {
        cell.ceilingFloor = runPgbench(server, m, threads, batch, Script::CeilingFloor);
        cell.ceilingSeek = runPgbench(server, m, threads, batch, Script::CeilingSeekFloor);
    }
    // Our SQL without our client, once per batch size (at the most threads).
    if (threads == m.threads.last())
        cell.ourSql = runPgbench(server, m, threads, batch, Script::OurSql);
    cell.plain = runOurs(server, m, threads, batch, false, cell.ceiling.jobs);
    cell.floor = runOurs(server, m, threads, batch, true, cell.ceiling.jobs);
    return cell;
}

// The median of each figure over the repetitions: on a shared box a burst
// of someone else's work hits one run, not the figure.
Measure median(QList<Measure> runs)
{
    auto middle = [&runs](auto field) {
        QList<double> values;
        for (const Measure &run : runs)
            values.append(run.*field);
        std::sort(values.begin(), values.end());
        return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
    };
    return {middle(&Measure::jobs), middle(&Measure::cpuPerJob), middle(&Measure::other)};
}

Cell median(const QList<Cell> &reps)
{
    Cell cell{reps.first().batch, reps.first().threads};
    for (Measure Cell::*field : {&Cell::ceiling, &Cell::ceilingFloor, &Cell::ceilingSeek, &Cell::ourSql, &Cell::plain,
                                 &Cell::floor}) {
        QList<Measure> runs;
        for (const Cell &rep : reps)
            runs.append(rep.*field);
        cell.*field = median(runs);
    }
    return cell;
}

// The runs of one cell go in turn (ceiling, ours, ours, ...) and the turn
// repeats, so slow phases of the host fall on every column alike.
Cell runCell(BenchServer &server, const Matrix &m, int batch, int threads)
{
    QList<Cell> reps;
    for (int rep = 1; rep <= m.repeat; ++rep) {
        Report::heading(u"B=%1, %2 thread(s), %3 s per run, turn %4 of %5"_s.arg(batch).arg(threads).arg(m.seconds)
                            .arg(rep).arg(m.repeat));
        reps.append(runTurn(server, m, batch, threads));
    }
    return median(reps);
}

QString cpu(const Measure &m)
{
    return m.cpuPerJob > 0 ? QString::number(m.cpuPerJob, 'f', 1) : u"-"_s;
}

QString ratioOf(const Measure &m, const Measure &base)
{
    return m.jobs > 0 ? Report::ratio(m.jobs, base.jobs) : u"-"_s;
}

void summarise(const QList<Cell> &cells, bool pgbenchFloor)
{
    Report::heading(u"summary: claim+complete jobs/s, ours / pgbench ceiling (same B, same clients); "
                    u"cpu = server + client CPU microseconds per job; other = cores used by other processes; "
                    u"medians over the turns"_s);
    QStringList header{u"B"_s, u"threads"_s, u"ceiling"_s, u"cpu"_s};
    if (pgbenchFloor)
        header << u"ceiling + floor"_s << u"ceiling + seekable floor"_s;
    header << u"our SQL via pgbench"_s << u"ratio"_s << u"ours, no floor"_s << u"ratio"_s << u"ours, floor"_s
           << u"ratio"_s << u"cpu"_s << u"cpu ratio"_s << u"other"_s;
    QList<QStringList> rows;
    for (const Cell &c : cells) {
        QStringList row{QString::number(c.batch), QString::number(c.threads), Report::number(c.ceiling.jobs), cpu(c.ceiling)};
        if (pgbenchFloor)
            row << Report::number(c.ceilingFloor.jobs) << Report::number(c.ceilingSeek.jobs);
        row << (c.ourSql.jobs > 0 ? Report::number(c.ourSql.jobs) : u"-"_s) << ratioOf(c.ourSql, c.ceiling)
            << Report::number(c.plain.jobs) << ratioOf(c.plain, c.ceiling) << Report::number(c.floor.jobs)
            << ratioOf(c.floor, c.ceiling) << cpu(c.floor)
            << (c.floor.cpuPerJob > 0 ? QString::number(c.ceiling.cpuPerJob / c.floor.cpuPerJob, 'f', 2) : u"-"_s)
            << QString::number(qMax(c.ceiling.other, c.floor.other), 'f', 2);
        rows.append(row);
    }
    Report::table(header, rows);
}

Matrix matrixFrom(const QCommandLineParser &parser, const BenchOptions &options)
{
    Matrix m;
    m.threads = intList(parser.value(u"threads"_s));
    m.batches = intList(parser.value(u"batches"_s));
    m.rows = parser.isSet(u"rows"_s) ? parser.value(u"rows"_s).toLongLong() : options.size(1500000, 200000);
    m.seconds = qMax(1, qRound(options.runSeconds(10, 3)));
    m.pgbenchFloor = parser.isSet(u"pgbench-floor"_s);
    m.repeat = qMax(1, parser.value(u"repeat"_s).toInt());
    if (options.quick && !parser.isSet(u"threads"_s))
        m.threads = {1, 2};
    if (options.quick && !parser.isSet(u"batches"_s))
        m.batches = {50};
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Claim + complete throughput against the pgbench ceiling."_s);
    BenchOptions::addTo(parser);
    parser.addOption({u"threads"_s, u"Thread (client) counts."_s, u"list"_s, u"1,2,4"_s});
    parser.addOption({u"batches"_s, u"Batch sizes B."_s, u"list"_s, u"1,50,500"_s});
    parser.addOption({u"rows"_s, u"Waiting jobs preloaded before every run."_s, u"n"_s});
    parser.addOption({u"repeat"_s, u"Turns per configuration; the summary takes each figure's median."_s, u"n"_s, u"1"_s});
    parser.addOption({u"pgbench-floor"_s, u"Also run the ceiling with the floor, as claim.sql has it and seekable."_s});
    parser.process(app);
    const BenchOptions options = must(BenchOptions::from(parser), "read the options");
    const Matrix m = matrixFrom(parser, options);
    auto server = must(BenchServer::start(options), "start the server");
    Report::heading(u"bench_claim on %1"_s.arg(server->describe()));
    prepareTemplate(*server, m.rows);
    QList<Cell> cells;
    for (int batch : m.batches) {
        for (int threads : m.threads)
            cells.append(runCell(*server, m, batch, threads));
    }
    summarise(cells, m.pgbenchFloor);
    must(server->drop(runDb), "drop the run database");
    must(server->drop(templateDb), "drop the template");
    return 0;
}
