#pragma once

#include "engine/handler.h"

namespace QueueDesk {

// Succeeds at once: for demos and for measuring the queue itself.
class NoopHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override;
};

} // namespace QueueDesk
