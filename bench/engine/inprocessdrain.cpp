#include "inprocessdrain.h"

#include "benchhandlers.h"
#include "benchtable.h"
#include "cpusample.h"
#include "engine/engine.h"
#include "eventwait.h"
#include "server.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace QueueDesk::EngineBench {

Result<DrainOutcome> InProcessDrain::run(Server &server, qint64 jobs, int executors, int batchSize)
{
    DrainOutcome outcome;
    outcome.config = u"engine, 1 process x %1 executor(s)"_s.arg(executors);
    BenchTable table(server);
    auto enqueued = table.fill(jobs, noopType, true);
    if (!enqueued)
        return enqueued.error();
    outcome.enqueuePerSecond = enqueued.value();

    EngineSettings settings;
    settings.connection = server.settings(BenchTable::runName);
    settings.queues = {{u"default"_s, executors}};
    settings.batchSize = batchSize;
    settings.version = u"enginebench"_s;
    Engine engine(settings, benchRegistry());
    QElapsedTimer clock;
    qint64 completed = 0, other = 0;
    double seconds = 0;
    QObject::connect(&engine, &Engine::jobFinished, &engine, [&](qint64, const QString &state, const QString &) {
        ++(state == u"completed" ? completed : other);
        if (completed + other == jobs)
            seconds = clock.nsecsElapsed() / 1e9;
    });
    engine.start();
    if (!waitUntil([&] { return engine.state() == Dispatcher::State::Running; }, 30000))
        return Error(Error::Code::ConnectionFailed, u"The engine did not start."_s);

    const QList<qint64> self{QCoreApplication::applicationPid()};
    if (Status reset = table.resetStatements(); !reset)
        return reset.error();
    const CpuSample before = CpuSample::take(self, server.serverPids());
    clock.start();
    if (Status resumed = table.setPaused(false); !resumed)
        return resumed.error();
    const bool drained = waitUntil([&] { return completed + other >= jobs; }, 600000);
    const CpuSample after = CpuSample::take(self, server.serverPids());
    engine.stop(5000);
    engine.waitForStopped(15000);
    if (!drained)
        return Error(Error::Code::Database, u"The engine did not drain the queue in time."_s,
                     u"%1 of %2 finished"_s.arg(completed + other).arg(jobs));
    outcome.seconds = seconds;
    outcome.jobs = jobs;
    CpuSample::describe(before, after, outcome);
    if (Status concluded = table.conclude(outcome, jobs); !concluded)
        return concluded.error();
    return outcome;
}

} // namespace QueueDesk::EngineBench
