#include "latencyrun.h"

#include "benchhandlers.h"
#include "benchtable.h"
#include "db/database.h"
#include "engine/engine.h"
#include "eventwait.h"
#include "queue/jobstore.h"
#include "queue/sqlvalues.h"
#include "server.h"

#include <QRandomGenerator>
#include <QThread>

#include <algorithm>

namespace QueueDesk::EngineBench {

LatencyStats LatencyStats::fromNanos(QList<qint64> nanos)
{
    LatencyStats stats;
    stats.samples = int(nanos.size());
    if (nanos.isEmpty())
        return stats;
    std::sort(nanos.begin(), nanos.end());
    double sum = 0;
    for (qint64 n : nanos)
        sum += n;
    auto at = [&](double q) { return nanos.at(qMin(nanos.size() - 1, qsizetype(q * nanos.size()))) / 1e6; };
    stats.avg = sum / nanos.size() / 1e6;
    stats.p50 = at(0.50);
    stats.p90 = at(0.90);
    stats.p99 = at(0.99);
    stats.max = nanos.last() / 1e6;
    return stats;
}

namespace {

Status enqueueOne(QSqlDatabase &db, bool notify, int i)
{
    if (notify) {
        NewJob job;
        job.type = stampType;
        job.payload = QJsonObject{{u"i"_s, i}};
        auto id = JobStore(db).enqueue(job);
        return id ? Status() : Status(id.error());
    }
    // The bench's own INSERT: the row the engine would get, minus the NOTIFY.
    auto inserted = Database::exec(db, u"INSERT INTO queuedesk.jobs (queue, type, payload) VALUES ('default', ?, ?::jsonb)"_s,
                                   {stampType, SqlValues::json(QJsonObject{{u"i"_s, i}})});
    return inserted ? Status() : Status(inserted.error());
}

} // namespace

Result<LatencyStats> LatencyRun::run(Server &server, const Config &config)
{
    BenchTable table(server);
    if (auto filled = table.fill(0, noopType, false); !filled)
        return filled.error();
    const int total = config.warmup + config.jobs;
    auto started = std::make_shared<StartTimes>(total);
    EngineSettings settings;
    settings.connection = server.settings(BenchTable::runName);
    settings.queues = {{u"default"_s, 4}};
    settings.pollIntervalMs = config.pollIntervalMs;
    settings.version = u"enginebench"_s;
    Engine engine(settings, benchRegistry(started));
    int finished = 0;
    QObject::connect(&engine, &Engine::jobFinished, &engine, [&] { ++finished; });
    engine.start();
    if (!waitUntil([&] { return engine.state() == Dispatcher::State::Running; }, 30000))
        return Error(Error::Code::ConnectionFailed, u"The engine did not start."_s);

    if (Status reset = table.resetStatements(); !reset)
        return reset.error();
    QList<qint64> enqueuedAt(total);
    for (int i = 0; i < total; ++i) {
        // The pause is the load's shape (an idle engine between jobs), not synchronisation.
        QThread::usleep(2000 + QRandomGenerator::global()->bounded(8000));
        enqueuedAt[i] = StartTimes::now();
        if (Status added = enqueueOne(table.db(), config.notify, i); !added)
            return added.error();
    }
    const bool done = waitUntil([&] { return finished >= total; }, 60000);
    engine.stop(5000);
    engine.waitForStopped(15000);
    if (!done)
        return Error(Error::Code::Database, u"Not every latency job ran."_s, u"%1 of %2"_s.arg(finished).arg(total));
    QList<qint64> nanos;
    for (int i = config.warmup; i < total; ++i) {
        const qint64 start = started->nanos[size_t(i)].load();
        if (start == 0)
            return Error(Error::Code::Database, u"Job %1 finished without its start time."_s.arg(i));
        nanos.append(start - enqueuedAt[i]);
    }
    LatencyStats stats = LatencyStats::fromNanos(nanos);
    auto statements = table.statementSummary(6);
    if (!statements)
        return statements.error();
    stats.statements = statements.value();
    return stats;
}

} // namespace QueueDesk::EngineBench
