#include "bulkguirun.h"

#include "jobs/bulkactionrunner.h"
#include "stallmeter.h"
#include "store/storeclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QWidget>

namespace QueueDesk::Bench {

Result<BulkGuiRun::Outcome> BulkGuiRun::requeue(const ConnectionSettings &settings, const QString &queue,
                                                double timeoutSeconds)
{
    StoreClient client;
    client.connectTo(settings);
    QElapsedTimer connecting;
    connecting.start();
    while (client.connectionState() != StoreClient::ConnectionState::Connected && connecting.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (client.connectionState() != StoreClient::ConnectionState::Connected)
        return Error(Error::Code::ConnectionFailed, u"The store client did not connect."_s);
    QWidget window;
    window.resize(800, 600);
    window.show();
    BulkActionRunner runner(&client, &window);
    runner.setConfirm([](const QString &) { return true; });
    Outcome outcome;
    bool done = false;
    QElapsedTimer clock;
    QObject::connect(&runner, &BulkActionRunner::finished, &window, [&](const QString &summary, bool) {
        outcome.summary = summary;
        outcome.seconds = clock.nsecsElapsed() / 1e9;
        done = true;
    });
    JobBrowserStore::Query query;
    query.filter.queues = {queue};
    query.filter.states = {JobState::Failed};
    StallMeter meter;
    clock.start();
    runner.start(BulkActionRunner::Action::Requeue, {{}, query, {}});
    // Measured in slices so the run ends with the requeue, not a fixed span.
    StallMeter::Outcome worst;
    QList<double> p99s;
    while (!done && clock.elapsed() < timeoutSeconds * 1000) {
        const StallMeter::Outcome slice = meter.measure(0.5);
        worst.maxGapMs = qMax(worst.maxGapMs, slice.maxGapMs);
        worst.over16Ms += slice.over16Ms;
        p99s.append(slice.p99GapMs);
    }
    if (!done)
        return Error(Error::Code::Database, u"The requeue did not finish within %1 s."_s.arg(timeoutSeconds));
    outcome.maxStallMs = worst.maxGapMs;
    outcome.stallsOver16Ms = worst.over16Ms;
    for (double p : p99s)
        outcome.p99StallMs = qMax(outcome.p99StallMs, p);
    return outcome;
}

} // namespace QueueDesk::Bench
