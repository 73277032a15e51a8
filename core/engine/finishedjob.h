#pragma once

#include "engine/handler.h"

#include <QJsonObject>
#include <QString>

namespace QueueDesk {

// A job whose handler returned, waiting for its acknowledgement.
struct FinishedJob
{
    qint64 id = 0;
    int attempt = 0;           // the attempt claimed: its outcome settles only that one
    QString queue;
    QString store;
    QJsonObject payload;       // for chains ("then")
    HandlerResult result;
    bool release = false;      // interrupted by shutdown: give back, don't count
    qint64 runtimeMicros = 0;
    bool ran = false;          // its handler ran (not cancelled or given back while held)
};

} // namespace QueueDesk
