#pragma once

#include "db/connectionsettings.h"

#include <QStringList>

namespace QueueDesk {

// What the built-in handlers may do on this worker. The risky ones (running
// programs, calling database functions) are off until an operator turns them on.
struct HandlerSettings
{
    // command: programs by absolute path ("/usr/bin/convert") or by name
    // looked up in PATH ("convert"); nothing else runs.
    bool commandEnabled = false;
    QStringList commandAllowList;
    // The default and the most a payload may ask for (0: no limit, the
    // operator's choice only; a payload may never ask for none).
    int commandTimeoutMs = 3'600'000;

    // sql: the database the functions are called in (usually the queue's own).
    bool sqlEnabled = false;
    ConnectionSettings sqlConnection;
    int sqlTimeoutMs = 3'600'000;    // the same for sql jobs

    int httpTimeoutMs = 30000;       // when the payload has no timeout_ms
};

} // namespace QueueDesk
