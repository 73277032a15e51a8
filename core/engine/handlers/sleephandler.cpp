#include "sleephandler.h"

#include "engine/handlers/payloadreader.h"
#include "engine/jobcontext.h"

#include <QDeadlineTimer>
#include <QThread>

namespace QueueDesk {

namespace {
// Short enough that a cancel is seen within a blink, long enough to cost nothing.
constexpr qint64 sliceMs = 20;
constexpr qint64 maxMs = 7LL * 24 * 3600 * 1000;
}

HandlerResult SleepHandler::run(JobContext &context)
{
    const auto ms = PayloadReader(context.payload()).integer(u"ms"_s, 0, maxMs);
    if (!ms)
        return PayloadReader::reject(ms.error());
    const QDeadlineTimer deadline(ms.value(), Qt::PreciseTimer);
    int reportedPercent = -1;
    while (!deadline.hasExpired()) {
        if (context.isCancelled())
            return HandlerResult::cancelled();
        QThread::msleep(quint64(qMin(sliceMs, qMax<qint64>(deadline.remainingTime(), 1))));
        const qint64 slept = ms.value() - qMax<qint64>(deadline.remainingTime(), 0);
        // Only whole-percent steps, so a long sleep does not flood the dispatcher.
        const int percent = int(slept * 100 / ms.value());
        if (percent != reportedPercent) {
            reportedPercent = percent;
            context.progress({{u"slept_ms"_s, slept}}, percent);
        }
    }
    context.progress({{u"slept_ms"_s, ms.value()}}, 100);
    return HandlerResult::success({{u"slept_ms"_s, ms.value()}});
}

} // namespace QueueDesk
