#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

namespace QueueDesk::Bench {

// The jobs browser's bulk requeue as the operator runs it: the real
// BulkActionRunner (dry-run count, chunks on the store thread, progress
// dialog) on a StoreClient, while a StallMeter watches the GUI thread's
// event loop. Says how long the requeue took and the longest stall.
class BulkGuiRun final
{
public:
    struct Outcome
    {
        QString summary;
        double seconds = 0;
        double maxStallMs = 0;
        double p99StallMs = 0;
        qint64 stallsOver16Ms = 0;
    };

    static Result<Outcome> requeue(const ConnectionSettings &settings, const QString &queue, double timeoutSeconds);
};

} // namespace QueueDesk::Bench
