#pragma once

#include "engine/handler.h"

namespace QueueDesk {

// Always fails, with payload "message" and "permanent": for trying out
// retries, backoff and the failed-jobs views.
class FailHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override;
};

} // namespace QueueDesk
