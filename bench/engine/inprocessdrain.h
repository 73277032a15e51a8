#pragma once

#include "server.h"

#include "drainoutcome.h"
#include "util/error.h"

namespace QueueDesk::EngineBench {


// One process, one Engine with `executors` executors on queue "default":
// N no-op jobs are enqueued with the queue paused, the engine starts and
// settles, then the clock starts as the queue is resumed (which NOTIFYs)
// and stops at the Nth acknowledged completion (Engine::jobFinished comes
// after the batch UPDATE committed).
class InProcessDrain final
{
public:
    static Result<DrainOutcome> run(Server &server, qint64 jobs, int executors, int batchSize);
};

} // namespace QueueDesk::EngineBench
