#include "fleetdrain.h"

#include "benchhandlers.h"
#include "benchtable.h"
#include "cpusample.h"
#include "eventwait.h"
#include "server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace QueueDesk::EngineBench {

namespace {

struct Worker
{
    std::unique_ptr<QProcess> process;
    bool ready = false;
    bool stopped = false;
    qint64 finished = 0;
    qint64 completed = 0;
};

// Reads whole lines the worker printed: "ready", "count c o", "stopped c o".
void readLines(Worker &worker)
{
    while (worker.process->canReadLine()) {
        const QList<QByteArray> words = worker.process->readLine().trimmed().split(' ');
        if (words.first() == "ready")
            worker.ready = true;
        if ((words.first() == "count" || words.first() == "stopped") && words.size() == 3) {
            worker.completed = words.at(1).toLongLong();
            worker.finished = worker.completed + words.at(2).toLongLong();
            worker.stopped = words.first() == "stopped";
        }
    }
}

// Workers point into the vector: it is sized once, before any starts.
void spawn(std::vector<Worker> &workers, Server &server, int executors, int batchSize,
           const std::function<void()> &onLines)
{
    for (Worker &worker : workers) {
        worker.process = std::make_unique<QProcess>();
        worker.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker.process->start(QCoreApplication::applicationFilePath(),
                              {u"worker"_s, u"--dsn"_s, server.dsn(BenchTable::runName), u"--executors"_s,
                               QString::number(executors), u"--batch"_s, QString::number(batchSize)});
        Worker *w = &worker;
        QObject::connect(worker.process.get(), &QProcess::readyReadStandardOutput, worker.process.get(),
                         [w, onLines] {
                             readLines(*w);
                             onLines();
                         });
    }
}

void stopAll(std::vector<Worker> &workers)
{
    for (Worker &worker : workers)
        worker.process->write("stop\n");
    waitUntil([&] { return std::all_of(workers.begin(), workers.end(), [](const Worker &w) { return w.stopped; }); },
              20000);
    for (Worker &worker : workers) {
        worker.process->closeWriteChannel();
        if (!worker.process->waitForFinished(5000))
            worker.process->kill();
    }
}

} // namespace

Result<DrainOutcome> FleetDrain::run(Server &server, qint64 jobs, int processes, int executors, int batchSize)
{
    DrainOutcome outcome;
    outcome.config = u"engine, %1 processes x %2 executors"_s.arg(processes).arg(executors);
    BenchTable table(server);
    auto enqueued = table.fill(jobs, noopType, true);
    if (!enqueued)
        return enqueued.error();
    outcome.enqueuePerSecond = enqueued.value();

    QElapsedTimer clock;
    double seconds = 0;
    std::vector<Worker> workers(processes);
    auto total = [&] {
        qint64 sum = 0;
        for (const Worker &w : workers)
            sum += w.finished;
        return sum;
    };
    spawn(workers, server, executors, batchSize, [&] {
        if (seconds == 0 && clock.isValid() && total() >= jobs)
            seconds = clock.nsecsElapsed() / 1e9;
    });
    const bool ready = waitUntil(
        [&] { return std::all_of(workers.begin(), workers.end(), [](const Worker &w) { return w.ready; }); }, 30000);
    if (!ready) {
        stopAll(workers);
        return Error(Error::Code::ConnectionFailed, u"The worker processes did not start."_s);
    }
    QList<qint64> pids;
    for (const Worker &w : workers)
        pids.append(w.process->processId());
    if (Status reset = table.resetStatements(); !reset)
        return reset.error();
    const CpuSample before = CpuSample::take(pids, server.serverPids());
    clock.start();
    if (Status resumed = table.setPaused(false); !resumed)
        return resumed.error();
    const bool drained = waitUntil([&] { return total() >= jobs; }, 600000);
    outcome.seconds = seconds;
    const CpuSample after = CpuSample::take(pids, server.serverPids());
    stopAll(workers);
    if (!drained)
        return Error(Error::Code::Database, u"The workers did not drain the queue in time."_s,
                     u"%1 of %2 finished"_s.arg(total()).arg(jobs));
    outcome.jobs = jobs;
    CpuSample::describe(before, after, outcome);
    if (Status concluded = table.conclude(outcome, jobs); !concluded)
        return concluded.error();
    return outcome;
}

} // namespace QueueDesk::EngineBench
