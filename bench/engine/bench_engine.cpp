// The worker engine's benchmarks (BENCHMARKS.md, "Worker engine"):
//  1. end-to-end no-op throughput: N jobs through enqueueMany, then timed
//     until every one is acknowledged, for one process with 1, 4 and 16
//     executors and for 3 processes x 4 executors, each beside its ceiling
//     (pgbench running the engine's claim/ack SQL at the engine's batch, with
//     two clients per process: an engine claims on one connection while it
//     acknowledges on another);
//  2. enqueue-to-start latency on an idle engine, with LISTEN/NOTIFY and
//     with polling only.
// Everything runs against one server: a throwaway durable cluster, or --dsn.
// `queuedesk_bench_engine worker ...` is the worker process of the fleet run.
#include "benchtable.h"
#include "fleetdrain.h"
#include "inprocessdrain.h"
#include "latencyrun.h"
#include "pgbenchdrain.h"
#include "server.h"
#include "workermode.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

using namespace QueueDesk;
using namespace QueueDesk::EngineBench;

namespace {

struct Options
{
    QString dataDir;
    QString dsn;
    bool keep = false;
    qint64 jobs = 100000;
    bool statements = false;
    bool ceiling = true;
    bool synchronousCommit = true;
    QString protocol = u"prepared"_s;
    QList<int> executors{1, 4, 16};
    int fleetProcesses = 3;
    int fleetExecutors = 4;
    int batch = 100;
    int latencyJobs = 1000;
    QStringList only{u"drain"_s, u"fleet"_s, u"reference"_s, u"latency"_s};
};

struct Pair
{
    DrainOutcome ceiling;
    DrainOutcome engine;
};

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString number(double value)
{
    return QLocale(QLocale::English).toString(qRound64(value));
}

QString ratio(double ours, double base)
{
    return base > 0 ? u"%1 (%2%)"_s.arg(ours / base, 0, 'f', 2).arg(qRound(100 * ours / base)) : u"-"_s;
}

[[noreturn]] void die(const QString &what, const Error &error)
{
    std::fprintf(stderr, "enginebench: %s failed: %s\n", qPrintable(what), qPrintable(error.toString()));
    std::exit(1);
}

template<typename T>
T must(Result<T> result, const QString &what)
{
    if (!result)
        die(what, result.error());
    return std::move(result).value();
}

// A line for people and a RESULT line in the peers' harness format.
void print(const DrainOutcome &o, const QString &extra = {})
{
    const QString note = u"%1 jobs in %2 s; %3%4%5"_s.arg(number(o.jobs)).arg(o.seconds, 0, 'f', 3).arg(o.note)
                             .arg(o.cpu.isEmpty() ? QString() : u"; "_s + o.cpu)
                             .arg(extra.isEmpty() ? QString() : u"; "_s + extra);
    out() << o.config << ": " << number(o.jobsPerSecond()) << " jobs/s (" << note << ")" << Qt::endl;
    out() << "RESULT\tqueuedesk\t" << o.config << '\t' << number(o.enqueuePerSecond) << '\t'
          << number(o.jobsPerSecond()) << '\t' << note << Qt::endl;
    if (!o.statements.isEmpty())
        out() << "server statements (pg_stat_statements, by total time):\n" << o.statements << Qt::endl;
}

void heading(const QString &text)
{
    out() << "\n== " << text << Qt::endl;
}

QList<int> intList(const QString &text)
{
    QList<int> values;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        values.append(part.trimmed().toInt());
    return values;
}

Options parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Worker engine benchmarks: no-op throughput and enqueue-to-start latency."_s);
    parser.addHelpOption();
    parser.addOption({u"data-dir"_s, u"Throwaway cluster folder (default /tmp/queuedesk-enginebench)."_s, u"dir"_s,
                      u"/tmp/queuedesk-enginebench"_s});
    parser.addOption({u"dsn"_s, u"Use this server instead of a throwaway cluster."_s, u"dsn"_s});
    parser.addOption({u"keep-cluster"_s, u"Leave the throwaway cluster running at exit."_s});
    parser.addOption({u"jobs"_s, u"Jobs per drain (default 100000)."_s, u"n"_s, u"100000"_s});
    parser.addOption({u"executors"_s, u"In-process configurations (default 1,4,16)."_s, u"list"_s, u"1,4,16"_s});
    parser.addOption({u"fleet"_s, u"Processes x executors of the multi-process drain (default 3x4)."_s, u"PxE"_s, u"3x4"_s});
    parser.addOption({u"batch"_s, u"The engine's batchSize (default 100)."_s, u"n"_s, u"100"_s});
    parser.addOption({u"latency-jobs"_s, u"Jobs per latency run (default 1000)."_s, u"n"_s, u"1000"_s});
    parser.addOption({u"only"_s, u"Parts to run: drain,fleet,reference,latency."_s, u"list"_s});
    parser.addOption({u"sync-commit"_s, u"synchronous_commit of the run databases: on (default) or off (a diagnostic)."_s,
                      u"on|off"_s, u"on"_s});
    parser.addOption({u"protocol"_s, u"pgbench's query protocol for the ceilings: prepared (default, as the engine) or extended."_s,
                      u"mode"_s, u"prepared"_s});
    parser.addOption({u"no-ceiling"_s, u"Skip the pgbench runs beside the drains (e.g. under a profiler)."_s});
    parser.addOption({u"statements"_s, u"Count every statement of each drain with pg_stat_statements (own cluster only)."_s});
    parser.addOption({u"quick"_s, u"5,000 jobs per drain and 100 latency jobs: checks the program works."_s});
    parser.process(app);
    Options o;
    o.dataDir = parser.value(u"data-dir"_s);
    o.dsn = parser.value(u"dsn"_s);
    o.keep = parser.isSet(u"keep-cluster"_s);
    o.jobs = parser.isSet(u"quick"_s) ? 5000 : parser.value(u"jobs"_s).toLongLong();
    o.statements = parser.isSet(u"statements"_s);
    o.ceiling = !parser.isSet(u"no-ceiling"_s);
    o.synchronousCommit = parser.value(u"sync-commit"_s) != u"off";
    o.protocol = parser.value(u"protocol"_s);
    o.executors = intList(parser.value(u"executors"_s));
    const QStringList fleet = parser.value(u"fleet"_s).split(u'x');
    o.fleetProcesses = fleet.value(0).toInt();
    o.fleetExecutors = fleet.value(1).toInt();
    o.batch = parser.value(u"batch"_s).toInt();
    o.latencyJobs = parser.isSet(u"quick"_s) ? 100 : parser.value(u"latency-jobs"_s).toInt();
    if (parser.isSet(u"only"_s))
        o.only = parser.value(u"only"_s).split(u',', Qt::SkipEmptyParts);
    if (o.statements && !o.dsn.isEmpty()) {
        std::fprintf(stderr, "enginebench: --statements needs the bench's own cluster (not --dsn)\n");
        std::exit(2);
    }
    if (o.jobs <= 0 || o.batch <= 0 || o.latencyJobs <= 0 || o.fleetProcesses <= 0 || o.fleetExecutors <= 0) {
        std::fprintf(stderr, "enginebench: --jobs, --batch, --latency-jobs and --fleet need positive numbers\n");
        std::exit(2);
    }
    return o;
}

Pair drainPair(Server &server, const Options &o, int processes, int executors)
{
    // No-op jobs run shorter than a claim, so the engine claims a full batch
    // ahead of its executors (ClaimPacer) whatever their number.
    const qint64 jobs = o.jobs;
    Pair pair;
    if (o.ceiling) {
        pair.ceiling = must(PgbenchDrain::run(server, {jobs, 2 * processes, o.batch, o.protocol}), u"pgbench ceiling"_s);
        print(pair.ceiling);
    }
    pair.engine = processes == 1 ? must(InProcessDrain::run(server, jobs, executors, o.batch), u"engine drain"_s)
                                 : must(FleetDrain::run(server, jobs, processes, executors, o.batch), u"fleet drain"_s);
    print(pair.engine, u"vs ceiling "_s + ratio(pair.engine.jobsPerSecond(), pair.ceiling.jobsPerSecond()));
    return pair;
}

QString cores(double value)
{
    return value < 0 ? u"-"_s : QString::number(value, 'f', 2);
}

void summariseDrains(const QList<Pair> &pairs, const QList<DrainOutcome> &references)
{
    heading(u"summary: no-op jobs/s, engine / pgbench ceiling (same SQL, same batch, two pgbench clients per engine process)"_s);
    out() << "\n| configuration | jobs | claim batch | pgbench ceiling | engine | engine / ceiling "
             "| engine cpu/job client, server | host busy cores (ceiling, engine) |\n"
             "|---|---:|---:|---:|---:|---:|---|---|\n";
    for (const Pair &p : pairs) {
        const QString batch = p.ceiling.config.section(u"B="_s, 1).section(u',', 0, 0);
        out() << "| " << p.engine.config << " | " << number(p.engine.jobs) << " | " << batch << " | "
              << number(p.ceiling.jobsPerSecond()) << " | " << number(p.engine.jobsPerSecond()) << " | "
              << ratio(p.engine.jobsPerSecond(), p.ceiling.jobsPerSecond()) << " | "
              << QString::number(p.engine.clientCpuUs, 'f', 0) << " us, " << QString::number(p.engine.serverCpuUs, 'f', 0)
              << " us | " << cores(p.ceiling.hostBusyCores) << ", " << cores(p.engine.hostBusyCores) << " |\n";
    }
    for (const DrainOutcome &r : references)
        out() << "| (reference) " << r.config << " | " << number(r.jobs) << " | - | " << number(r.jobsPerSecond())
              << " | - | - | - | " << cores(r.hostBusyCores) << " |\n";
    out() << Qt::endl;
}

void runLatency(Server &server, const Options &o)
{
    const QList<LatencyRun::Config> configs{
        {u"LISTEN/NOTIFY, poll 1000 ms"_s, true, 1000, o.latencyJobs, 20},
        {u"polling only, poll 50 ms"_s, false, 50, o.latencyJobs, 20},
        {u"polling only, poll 200 ms"_s, false, 200, o.latencyJobs, 20},
    };
    heading(u"enqueue-to-start latency, idle engine (1 process x 4 executors), %1 jobs one at a time, 2-10 ms apart"_s
                .arg(o.latencyJobs));
    QList<QStringList> rows;
    for (const LatencyRun::Config &config : configs) {
        const LatencyStats s = must(LatencyRun::run(server, config), u"latency run"_s);
        const QString line = u"p50 %1 ms, p90 %2 ms, p99 %3 ms, avg %4 ms, max %5 ms (%6 samples)"_s
                                 .arg(s.p50, 0, 'f', 2).arg(s.p90, 0, 'f', 2).arg(s.p99, 0, 'f', 2)
                                 .arg(s.avg, 0, 'f', 2).arg(s.max, 0, 'f', 2).arg(s.samples);
        out() << config.label << ": " << line << Qt::endl;
        out() << "RESULT\tqueuedesk\tlatency " << config.label << "\t-\t-\t" << line << Qt::endl;
        if (!s.statements.isEmpty())
            out() << "server statements (pg_stat_statements, by total time):\n" << s.statements << Qt::endl;
        rows.append({config.label, QString::number(s.p50, 'f', 2), QString::number(s.p90, 'f', 2),
                     QString::number(s.p99, 'f', 2), QString::number(s.max, 'f', 2)});
    }
    out() << "\n| wake-up | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n";
    for (const QStringList &row : rows)
        out() << "| " << row.join(u" | "_s) << " |\n";
    out() << Qt::endl;
}

void printHeader(Server &server, const Options &o)
{
    heading(u"server: "_s + server.describe());
    QFile loadavg(u"/proc/loadavg"_s);
    if (loadavg.open(QIODevice::ReadOnly))
        out() << "load average at start: " << loadavg.readAll().trimmed() << Qt::endl;
    out() << "drains of " << number(o.jobs)
          << " no-op jobs through enqueueMany, VACUUM ANALYZE and CHECKPOINT before each; engine batchSize "
          << o.batch << (o.synchronousCommit ? "" : "; run databases with synchronous_commit=off (diagnostic)")
          << Qt::endl;
}

void runDrains(Server &server, const Options &o)
{
    QList<Pair> pairs;
    if (o.only.contains(u"drain"_s)) {
        for (int executors : o.executors) {
            heading(u"1 process x %1 executor(s)"_s.arg(executors));
            pairs.append(drainPair(server, o, 1, executors));
        }
    }
    if (o.only.contains(u"fleet"_s)) {
        heading(u"%1 processes x %2 executors"_s.arg(o.fleetProcesses).arg(o.fleetExecutors));
        pairs.append(drainPair(server, o, o.fleetProcesses, o.fleetExecutors));
    }
    QList<DrainOutcome> references;
    if (o.only.contains(u"reference"_s)) {
        // What the SQL allows when the claim is not capped by free executors
        // (claiming ahead), on one connection and on two overlapping ones.
        heading(u"reference: full batches of %1 (claiming ahead of free executors)"_s.arg(o.batch));
        for (int clients : {1, 2}) {
            references.append(must(PgbenchDrain::run(server, {o.jobs, clients, o.batch, o.protocol}), u"pgbench reference"_s));
            print(references.last());
        }
    }
    if (!pairs.isEmpty() || !references.isEmpty())
        summariseDrains(pairs, references);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The dispatcher logs connects at info level; the figures are the output here.
    QLoggingCategory::setFilterRules(u"queuedesk.engine.*.info=false"_s);
    QStringList args = app.arguments();
    if (args.size() > 1 && args.at(1) == u"worker") {
        args.removeAt(1);
        return WorkerMode::run(args);
    }
    const Options o = parseOptions(app);
    QElapsedTimer total;
    total.start();
    auto server = must(Server::start(o.dataDir, o.dsn, o.keep), u"start the server"_s);
    server->setTrackStatements(o.statements);
    server->setSynchronousCommit(o.synchronousCommit);
    printHeader(*server, o);
    if (Status prepared = BenchTable::prepareTemplate(*server); !prepared)
        die(u"prepare the template database"_s, prepared.error());
    runDrains(*server, o);
    if (o.only.contains(u"latency"_s))
        runLatency(*server, o);
    (void)server->drop(BenchTable::runName);
    (void)server->drop(BenchTable::templateName);
    out() << "\ntotal bench time: " << QString::number(total.elapsed() / 1000.0, 'f', 1) << " s" << Qt::endl;
    return 0;
}
