#pragma once

#include "util/error.h"

namespace QueueDesk {

// queuedesk-worker's exit codes, so scripts and systemd can tell failures apart.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,        // the operation failed (bad input, wrong state, ...)
    ExitUsage = 2,          // wrong command line
    ExitConnection = 3,     // cannot reach PostgreSQL, or lost it
    ExitSchema = 4,         // schema missing or newer than this program
};

inline ExitCode exitCodeFor(const Error &error)
{
    switch (error.code) {
    case Error::Code::ConnectionFailed:
    case Error::Code::ConnectionLost:
    case Error::Code::AuthenticationFailed:
    case Error::Code::ClusterFailed:
        return ExitConnection;
    case Error::Code::SchemaMissing:
    case Error::Code::SchemaTooNew:
        return ExitSchema;
    default:
        return ExitFailure;
    }
}

} // namespace QueueDesk
