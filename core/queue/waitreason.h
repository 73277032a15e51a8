#pragma once

#include <QString>

namespace QueueDesk {

// One reason a job is not running now, for an operator: a code to branch on
// (icons, filters) and a sentence that names the figures behind it.
struct WaitReason
{
    enum class Code {
        NotWaiting,        // running or finished: nothing to wait for
        QueueMissing,      // its queue row is gone
        QueuePaused,
        NotDue,            // run_at is in the future (delayed or retrying)
        ConcurrencyLimit,  // the queue's active jobs reached its concurrency
        RateLimit,         // the queue's token bucket holds less than one token
        StoreLimit,        // the job's store reached the queue's store_concurrency
        NoLiveWorker,      // no running worker with a fresh heartbeat serves the queue
        JobsAhead,         // other waiting jobs come first in claim order
    };

    Code code = Code::NotWaiting;
    QString message;
};

} // namespace QueueDesk
