#pragma once

#include "engine/handler.h"

namespace QueueDesk {

// Sleeps for payload "ms" milliseconds, reporting progress and stopping
// promptly on cancel: a stand-in for a long job in demos and tests.
class SleepHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override;
};

} // namespace QueueDesk
