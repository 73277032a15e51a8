#pragma once

#include "engine/enginesettings.h"
#include "engine/handlers/handlersettings.h"
#include "util/error.h"

#include <QCommandLineParser>

namespace QueueDesk {

// The engine and handler settings of a worker: a config file (INI) first,
// then command-line flags over it. Every number is read strictly and checked
// against EngineSettingsValidator's ranges (README, "queuedesk-worker"); an
// unknown key or group is refused, so a typo never silently keeps a default.
//
//   [worker]
//   queues = default:4, emails:2        ; 1-256 executors each, 1-1024 in all
//   poll_interval_ms = 1000             ; 50-600000
//   batch_size = 100                    ; 1-1000
//   lease_seconds = 60                  ; 2-86400
//   heartbeat_interval_ms = 5000        ; 100 to half the lease (default: a third of it, at most 5000)
//   shutdown_timeout_ms = 30000         ; 0-3600000
//   [handlers]
//   command_enabled = false
//   command_allow = /usr/bin/convert, pdftotext
//   command_timeout_ms = 3600000        ; default and most a payload may ask; 0 (none) to 604800000
//   sql_enabled = false
//   sql_timeout_ms = 3600000            ; the same for sql jobs
//   http_timeout_ms = 30000             ; 1-86400000
struct WorkerConfig
{
    EngineSettings engine;
    HandlerSettings handlers;
    int shutdownTimeoutMs = 30000;

    static void addOptions(QCommandLineParser &parser);
    // "name:executors,..." (a name alone: 1 executor); name is the flag or
    // INI key the spec came from, for the messages.
    static Result<QMap<QString, int>> parseQueues(const QString &spec, const QString &name = u"--queues"_s);
    // Reads --config (if given), then the flags. Every error is a usage error
    // (queuedesk-worker exits 2) and names the flag or INI key and the range.
    static Result<WorkerConfig> fromParser(const QCommandLineParser &parser);
};

} // namespace QueueDesk
