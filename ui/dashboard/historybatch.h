#pragma once

#include "dashboard/dashboardhistory.h"
#include "util/error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// The metrics history of every queue from `since` on: what the time charts
// show for the time before the app was opened. Read and turned into chart
// samples on the store thread, so the GUI thread only merges the rings.
struct HistoryBatch
{
    QDateTime since;
    DashboardHistory history;
    qint64 points = 0;        // metrics rows read
    Error error;

    static HistoryBatch load(QSqlDatabase &db, const QDateTime &since);
};

} // namespace QueueDesk
