#pragma once

#include "util/error.h"

namespace QueueDesk {

// queuedesk-worker's exit codes, so scripts and systemd can tell failures apart.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,        // the operation failed: what it was given was refused (a payload that is not
                            // JSON, a bad cron expression, an unknown queue), or the state was wrong
    ExitUsage = 2,          // wrong command line, found before connecting: an unknown command or option,
                            // a missing one, a value that is not a number or out of its range (naming the
                            // flag or INI key and the range), a DSN or config file that cannot be read
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
