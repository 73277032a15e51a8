#pragma once

#include "engine/enginesettings.h"
#include "engine/handlers/handlersettings.h"
#include "util/error.h"

#include <QCommandLineParser>

namespace QueueDesk {

// The engine and handler settings of a worker: a config file (INI) first,
// then command-line flags over it.
//
//   [worker]
//   queues = default:4, emails:2
//   poll_interval_ms = 1000
//   batch_size = 100
//   lease_seconds = 60
//   shutdown_timeout_ms = 30000
//   [handlers]
//   command_enabled = false
//   command_allow = /usr/bin/convert, pdftotext
//   sql_enabled = false
//   http_timeout_ms = 30000
struct WorkerConfig
{
    EngineSettings engine;
    HandlerSettings handlers;
    int shutdownTimeoutMs = 30000;

    static void addOptions(QCommandLineParser &parser);
    static Result<QMap<QString, int>> parseQueues(const QString &spec);
    // Reads --config (if given) then the flags.
    static Result<WorkerConfig> fromParser(const QCommandLineParser &parser);
};

} // namespace QueueDesk
