#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace QueueDesk::EngineBench {

// Runs this thread's event loop (so queued signals arrive) until done()
// holds or timeoutMs pass. Precise timestamps are taken by the signal
// handlers themselves; this only decides when to stop waiting.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    check.start(2);
    loop.exec();
    return done();
}

} // namespace QueueDesk::EngineBench
