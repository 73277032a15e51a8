#pragma once

#include "benchserver.h"

namespace QueueDesk::EngineBench {

// The engine bench runs on the same server wrapper as the core benchmarks.
using Server = Bench::BenchServer;

} // namespace QueueDesk::EngineBench
