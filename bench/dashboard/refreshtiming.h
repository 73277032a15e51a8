#pragma once

#include "dashboard/dashboardreading.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace QueueDesk::Bench {

// Times one dashboard refresh's SQL as the app runs it on its store thread
// (loadSnapshot, then DashboardReading::load for the queue whose stores are
// shown), and each store call of it on its own.
class RefreshTiming final
{
public:
    struct Figures
    {
        double min = 0;
        double median = 0;
        double p95 = 0;
        double max = 0;
    };
    struct Part
    {
        QString name;
        QList<double> ms;
    };

    RefreshTiming(QSqlDatabase db, QString storeQueue);

    using StoreSource = DashboardReading::StoreSource;

    // Milliseconds of each whole refresh.
    QList<double> refreshes(int count, StoreSource source);
    // Each store call `count` times, in the order a refresh makes them.
    QList<Part> parts(int count);
    // One whole refresh, untimed (for the plan capture).
    void refreshOnce(StoreSource source);

    static Figures summarise(QList<double> ms);

private:
    QList<std::pair<QString, std::function<bool()>>> calls();

    QSqlDatabase m_db;
    QString m_storeQueue;
};

} // namespace QueueDesk::Bench
