#pragma once

#include "util/error.h"

#include <QStringList>

namespace QueueDesk::EngineBench {

// `queuedesk_bench_engine worker --dsn ... --executors E`: one Engine with
// the bench's no-op handler, driven by its parent (FleetDrain) over pipes.
// Prints "ready" once running, "count <completed> <other>" at most every
// 5 ms while jobs finish, and "stopped <completed>" after draining, which
// it starts on "stop" or end of input.
class WorkerMode final
{
public:
    static int run(const QStringList &arguments);
};

} // namespace QueueDesk::EngineBench
