#pragma once

#include "engine/enginesettings.h"
#include "engine/handlers/handlersettings.h"
#include "util/error.h"

#include <QHash>

namespace QueueDesk {

// The allowed range of every setting an operator can give an engine, its
// handlers and its shutdown, in one place: queuedesk-worker's flags and INI
// file and the console's local worker all check through it, so a value one
// refuses the other cannot start. The ranges keep a worker from wedging
// itself: a zero interval is a busy loop, a zero batch a crash, a lease whose
// milliseconds overflow an int a worker without heartbeats, and 100,000
// executors 1,400 threads and thousands of hoarded jobs.
//
// Messages name the setting as the operator wrote it (a flag, an INI key),
// given through Names; a setting without a name is called by its plain name.
class EngineSettingsValidator final
{
public:
    enum class Setting {
        QueueConcurrency,    // executors of one queue
        TotalConcurrency,    // executors of the engine, all queues
        PollInterval,        // ms
        BatchSize,
        LeaseSeconds,
        HeartbeatInterval,   // ms, also at most half the lease
        ShutdownTimeout,     // ms
        HttpTimeout,         // ms
        CommandTimeout,      // ms, 0: no limit
        SqlTimeout,          // ms, 0: no limit
    };
    struct Range
    {
        qint64 min;
        qint64 max;
    };
    using Names = QHash<Setting, QString>;

    static Range range(Setting setting);
    static QString plainName(Setting setting);

    // One value against its range.
    static Status check(Setting setting, qint64 value, const QString &name = {});
    // Every operator setting of an engine, and the heartbeat against the lease.
    static Status validate(const EngineSettings &settings, const Names &names = {});
    // The handlers' default timeouts.
    static Status validate(const HandlerSettings &handlers, const Names &names = {});
};

} // namespace QueueDesk
