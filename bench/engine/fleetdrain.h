#pragma once

#include "server.h"

#include "drainoutcome.h"
#include "util/error.h"

namespace QueueDesk::EngineBench {


// P worker processes (this program in worker mode) x E executors each, on
// the same table as InProcessDrain: they start and report ready with the
// queue paused, the clock starts as it is resumed and stops when the sum of
// their acknowledged completions reaches N (each reports at most every 5 ms).
class FleetDrain final
{
public:
    static Result<DrainOutcome> run(Server &server, qint64 jobs, int processes, int executors, int batchSize);
};

} // namespace QueueDesk::EngineBench
