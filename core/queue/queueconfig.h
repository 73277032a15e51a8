#pragma once

#include "util/error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace QueueDesk {

// A row of queuedesk.queues: limits, retries and retention of one queue.
struct QueueConfig
{
    QString name;
    bool paused = false;
    std::optional<int> concurrency;       // max active across all workers
    std::optional<int> rateLimit;         // jobs started per minute
    std::optional<int> perStoreLimit;     // fairness: per store per claim
    std::optional<int> storeConcurrency;  // max active per store
    int maxAttempts = 5;
    int backoffBaseMs = 1000;
    int backoffMaxMs = 3600000;
    int keepCompleted = 1000;
    qint64 keepCompletedAgeSeconds = 86400;
    int keepFailed = 10000;
    qint64 keepFailedAgeSeconds = 7 * 86400;
    QJsonObject health;                   // thresholds for health rules
    QString description;

    Status validate() const;
};

} // namespace QueueDesk
