#pragma once

#include "util/error.h"

#include <QHash>
#include <QSqlDatabase>

namespace QueueDesk {

// The leader's housekeeping statements that belong to no other store.
class MaintenanceStore final
{
public:
    explicit MaintenanceStore(QSqlDatabase db);

    // Due scheduled jobs of every queue enter the line (up to `perQueue` per
    // queue and call), and each queue that got some is NOTIFYed, so a
    // delayed job starts on time even where workers only poll. Returns the
    // promoted count per queue.
    Result<QHash<QString, qint64>> promoteDue(int perQueue = 1000);

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
