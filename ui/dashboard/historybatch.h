#pragma once

#include "queue/metricspoint.h"
#include "util/error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// The metrics history of every queue from `since` on: what the time charts
// show for the time before the app was opened. Loaded on the store thread.
struct HistoryBatch
{
    QDateTime since;
    QList<MetricsPoint> points;
    Error error;

    static HistoryBatch load(QSqlDatabase &db, const QDateTime &since);
};

} // namespace QueueDesk
