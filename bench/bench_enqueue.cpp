// Bulk enqueue: 1,000,000 no-op jobs through JobStore::enqueueMany in chunks,
// against one COPY of the same rows (same columns, same values) into the same
// table through libpq: the ceiling. Each run starts on a fresh, empty,
// migrated database. A turn runs the COPY and then each chunk size; the
// turns repeat (--repeat) and the summary takes each method's median.
#include "benchoptions.h"
#include "benchserver.h"
#include "db/database.h"
#include "jobtable.h"
#include "must.h"
#include "queue/jobstore.h"
#include "report.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <libpq-fe.h>

using namespace QueueDesk;
using namespace QueueDesk::Bench;

namespace {

const QString templateDb = u"qdbench_enqueue_template"_s;
const QString runDb = u"qdbench_enqueue_run"_s;

struct Timing
{
    double seconds = 0;
    CpuMeter::Usage cpu;
};

void prepareTemplate(BenchServer &server)
{
    must(server.recreate(templateDb), "create the template database");
    must(server.migrate(templateDb), "migrate the template database");
    ScopedConnection conn;
    must(conn.open(server.settings(templateDb), u"bench-prepare"_s), "connect to the template");
    must(JobTable(conn).createQueue(u"bench"_s), "create queue bench");
}

// The rows enqueueMany writes for NewJob{queue "bench", type "noop",
// payload {"i": n}}, in COPY text format.
QByteArray copyRows(qint64 rows)
{
    const QByteArray runAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    QByteArray data;
    data.reserve(rows * 80);
    for (qint64 i = 1; i <= rows; ++i) {
        data += "bench\tnoop\t\t{\"i\":" + QByteArray::number(i) + "}\t0\twaiting\t" + runAt
                + "\t5\t\\N\t\\N\t\\N\n";
    }
    return data;
}

Status copyInto(ScopedConnection &conn, const QByteArray &data)
{
    PGconn *pg = Database::nativeHandle(conn.db());
    PGresult *res = PQexec(pg, "COPY queuedesk.jobs (queue, type, store, payload, priority, state, run_at, "
                               "max_attempts, unique_key, parent_id, created_by) FROM STDIN");
    const bool started = PQresultStatus(res) == PGRES_COPY_IN;
    PQclear(res);
    if (!started)
        return Error(Error::Code::Database, u"COPY did not start."_s, QString::fromUtf8(PQerrorMessage(pg)));
    constexpr qsizetype piece = 1 << 20;
    for (qsizetype at = 0; at < data.size(); at += piece) {
        if (PQputCopyData(pg, data.constData() + at, int(qMin(piece, data.size() - at))) != 1)
            return Error(Error::Code::Database, u"COPY data refused."_s, QString::fromUtf8(PQerrorMessage(pg)));
    }
    PQputCopyEnd(pg, nullptr);
    Status status;
    while (PGresult *r = PQgetResult(pg)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            status = Error(Error::Code::Database, u"COPY failed."_s, QString::fromUtf8(PQresultErrorMessage(r)));
        PQclear(r);
    }
    return status;
}

QList<NewJob> newJobs(qint64 first, qint64 count)
{
    QList<NewJob> jobs;
    jobs.reserve(count);
    for (qint64 i = first; i < first + count; ++i) {
        NewJob job;
        job.queue = u"bench"_s;
        job.type = u"noop"_s;
        job.payload = QJsonObject{{u"i"_s, i}};
        jobs.append(std::move(job));
    }
    return jobs;
}

// Times only the enqueueMany calls; building the NewJob lists is the
// caller's work and is left out, as the COPY's text is prepared beforehand.
Timing enqueueChunks(BenchServer &server, ScopedConnection &conn, qint64 rows, qint64 chunk)
{
    JobStore store(conn.db());
    const CpuMeter meter = server.cpuMeter();
    CpuMeter::Sample before = meter.sample();
    double seconds = 0;
    double buildCpu = 0;
    for (qint64 first = 1; first <= rows; first += chunk) {
        const double beforeBuild = CpuMeter::selfSeconds();
        const QList<NewJob> jobs = newJobs(first, qMin(chunk, rows - first + 1));
        buildCpu += CpuMeter::selfSeconds() - beforeBuild;
        QElapsedTimer timer;
        timer.start();
        must(store.enqueueMany(jobs), "enqueueMany");
        seconds += timer.nsecsElapsed() / 1e9;
    }
    before.self += buildCpu;   // the list building is not part of the figure
    return {seconds, CpuMeter::between(before, meter.sample(), seconds)};
}

Timing timeCopy(BenchServer &server, ScopedConnection &conn, const QByteArray &data)
{
    const CpuMeter meter = server.cpuMeter();
    const CpuMeter::Sample before = meter.sample();
    QElapsedTimer timer;
    timer.start();
    must(copyInto(conn, data), "COPY");
    const double seconds = timer.nsecsElapsed() / 1e9;
    return {seconds, CpuMeter::between(before, meter.sample(), seconds)};
}

// One run on a fresh empty database; chunk 0 means the COPY ceiling.
double runOnce(BenchServer &server, qint64 rows, qint64 chunk, const QByteArray &copyData, double ceiling)
{
    must(server.recreate(runDb, templateDb), "copy the template");
    must(server.settle(runDb), "settle the run database");
    ScopedConnection conn;
    must(conn.open(server.settings(runDb), u"bench-enqueue"_s), "connect");
    const Timing t = chunk == 0 ? timeCopy(server, conn, copyData) : enqueueChunks(server, conn, rows, chunk);
    const qint64 stored = must(conn.value(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting'"_s), "count").toLongLong();
    if (stored != rows)
        abortBench("check the row count", Error(Error::Code::Database, u"%1 rows stored, %2 expected"_s.arg(stored).arg(rows)));
    const double perSecond = rows / t.seconds;
    const QString config = chunk == 0 ? u"COPY ceiling, %1 rows, 1 statement"_s.arg(rows)
                                      : u"enqueueMany %1 rows in chunks of %2"_s.arg(rows).arg(chunk);
    QString note = u"%1 s; %2"_s.arg(t.seconds, 0, 'f', 2).arg(t.cpu.perJob(rows));
    if (chunk > 0)
        note = u"vs COPY %1; "_s.arg(Report::ratio(perSecond, ceiling)) + note;
    Report::line(u"%1: %2 jobs/s (%3)"_s.arg(config, Report::number(perSecond), note));
    Report::result(config, Report::number(perSecond), u"-"_s, note);
    return perSecond;
}

QList<qint64> chunkList(const QString &text)
{
    QList<qint64> chunks;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        chunks.append(part.trimmed().toLongLong());
    return chunks;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

QString joined(const QList<double> &values)
{
    QStringList parts;
    for (double value : values)
        parts.append(Report::number(value));
    return parts.join(u", "_s);
}

void summarise(qint64 rows, const QList<qint64> &chunks, const QList<QList<double>> &perMethod)
{
    Report::heading(u"summary: bulk enqueue of %1 jobs, ours / COPY (medians over the turns)"_s.arg(rows));
    const double ceiling = median(perMethod[0]);
    QList<QStringList> table{{u"COPY, 1 statement"_s, Report::number(ceiling), joined(perMethod[0]), u"1.00"_s}};
    for (int i = 0; i < chunks.size(); ++i) {
        const double ours = median(perMethod[i + 1]);
        table.append({u"enqueueMany, chunks of %1"_s.arg(chunks[i]), Report::number(ours), joined(perMethod[i + 1]),
                      Report::ratio(ours, ceiling)});
    }
    Report::table({u"method"_s, u"jobs/s (median)"_s, u"each turn"_s, u"ratio"_s}, table);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Bulk enqueue (enqueueMany) against COPY."_s);
    BenchOptions::addTo(parser);
    parser.addOption({u"rows"_s, u"Jobs to enqueue per run."_s, u"n"_s});
    parser.addOption({u"repeat"_s, u"Turns (default 2, quick 1); the summary takes medians."_s, u"n"_s});
    parser.addOption({u"chunks"_s, u"enqueueMany chunk sizes."_s, u"list"_s, u"10000,50000"_s});
    parser.process(app);
    const BenchOptions options = must(BenchOptions::from(parser), "read the options");
    const qint64 rows = parser.isSet(u"rows"_s) ? parser.value(u"rows"_s).toLongLong() : options.size(1000000, 100000);
    const QList<qint64> chunks = chunkList(parser.value(u"chunks"_s));
    const int repeat = qMax(1, parser.isSet(u"repeat"_s) ? parser.value(u"repeat"_s).toInt() : int(options.size(2, 1)));
    auto server = must(BenchServer::start(options), "start the server");
    Report::heading(u"bench_enqueue on %1"_s.arg(server->describe()));
    prepareTemplate(*server);
    const QByteArray copyData = copyRows(rows);
    QList<QList<double>> perMethod(chunks.size() + 1);   // [0]: COPY
    for (int turn = 1; turn <= repeat; ++turn) {
        Report::heading(u"turn %1 of %2"_s.arg(turn).arg(repeat));
        const double copy = runOnce(*server, rows, 0, copyData, 0);
        perMethod[0].append(copy);
        for (int i = 0; i < chunks.size(); ++i)
            perMethod[i + 1].append(runOnce(*server, rows, chunks[i], copyData, copy));
    }
    summarise(rows, chunks, perMethod);
    must(server->drop(runDb), "drop the run database");
    must(server->drop(templateDb), "drop the template");
    return 0;
}
