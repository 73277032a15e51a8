#pragma once

#include "db/connectionsettings.h"
#include "engine/scheduler/schedulersettings.h"

#include <QMap>
#include <QString>

namespace QueueDesk {

// How an engine runs: which queues with how many executors each, and the
// timings of its dispatcher.
struct EngineSettings
{
    ConnectionSettings connection;
    QMap<QString, int> queues{{u"default"_s, 4}};   // queue -> concurrency in this engine
    int pollIntervalMs = 1000;        // safety net beside LISTEN/NOTIFY
    int batchSize = 100;              // most jobs per claim
    int ackDelayMs = 20;              // longest an outcome waits to share a write while others run
    int leaseSeconds = 60;
    int heartbeatIntervalMs = 5000;   // worker row and job leases
    int progressIntervalMs = 500;     // how often progress reaches the database
    int rescueIntervalMs = 10000;     // expired-lease rescue
    int floorRescanMs = 2000;         // claims rescan below their floor this often
    int reconnectMaxMs = 15000;       // reconnect backoff cap
    QString workerId;                 // generated when empty: host-pid-random
    QString version;
    // Leader election and the leader's periodic work; a tickIntervalMs of 0
    // follows pollIntervalMs.
    SchedulerSettings scheduler{.tickIntervalMs = 0};

    int totalConcurrency() const
    {
        int total = 0;
        for (int c : queues)
            total += c;
        return total;
    }
};

} // namespace QueueDesk
