#pragma once

#include "engine/handler.h"
#include "engine/handlerregistry.h"
#include "engine/jobcontext.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

namespace QueueDesk::EngineBench {

inline const QString noopType = u"bench-noop"_s;
inline const QString stampType = u"bench-stamp"_s;

// Succeeds at once: what is measured is the queue and the engine.
class NoopJob final : public Handler
{
public:
    HandlerResult run(JobContext &) override { return HandlerResult::success(); }
};

// When each job's handler started, by the job's payload "i", on the same
// steady clock the enqueuer reads.
struct StartTimes
{
    explicit StartTimes(int count) : nanos(count) {}
    std::vector<std::atomic<qint64>> nanos;

    static qint64 now()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch()).count();
    }
};

class StampJob final : public Handler
{
public:
    explicit StampJob(std::shared_ptr<StartTimes> times) : m_times(std::move(times)) {}

    HandlerResult run(JobContext &context) override
    {
        const qint64 started = StartTimes::now();
        const int i = context.payload().value(u"i").toInt(-1);
        if (i >= 0 && size_t(i) < m_times->nanos.size())
            m_times->nanos[size_t(i)].store(started, std::memory_order_relaxed);
        return HandlerResult::success();
    }

private:
    std::shared_ptr<StartTimes> m_times;
};

inline std::shared_ptr<HandlerRegistry> benchRegistry(std::shared_ptr<StartTimes> times = {})
{
    auto registry = std::make_shared<HandlerRegistry>();
    registry->add<NoopJob>(noopType);
    if (times)
        registry->add(stampType, [times] { return std::make_unique<StampJob>(times); });
    return registry;
}

} // namespace QueueDesk::EngineBench
