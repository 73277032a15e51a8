#pragma once

#include "util/error.h"

#include <cstdio>
#include <cstdlib>

namespace QueueDesk::Bench {

// A benchmark cannot go on after a failed step: say what failed and exit.
[[noreturn]] inline void abortBench(const char *what, const Error &error)
{
    std::fprintf(stderr, "bench: %s failed: %s\n", what, qPrintable(error.toString()));
    std::exit(1);
}

inline void must(const Status &status, const char *what)
{
    if (!status)
        abortBench(what, status.error());
}

template<typename T>
T must(Result<T> result, const char *what)
{
    if (!result)
        abortBench(what, result.error());
    return std::move(result).value();
}

} // namespace QueueDesk::Bench
