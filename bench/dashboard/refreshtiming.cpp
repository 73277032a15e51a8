#include "refreshtiming.h"

#include "must.h"
#include "queue/databasehealthstore.h"
#include "queue/healthstore.h"
#include "queue/metricsstore.h"
#include "queue/statsstore.h"
#include "queue/workerstore.h"
#include "store/snapshot.h"

#include <QElapsedTimer>

#include <algorithm>

namespace QueueDesk::Bench {

namespace {

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double quantile(const QList<double> &sorted, double q)
{
    if (sorted.isEmpty())
        return 0;
    const auto index = qsizetype(q * double(sorted.size() - 1) + 0.5);
    return sorted.at(qBound<qsizetype>(0, index, sorted.size() - 1));
}

} // namespace

RefreshTiming::RefreshTiming(QSqlDatabase db, QString storeQueue)
    : m_db(std::move(db))
    , m_storeQueue(std::move(storeQueue))
{
}

void RefreshTiming::refreshOnce(StoreSource source)
{
    const Snapshot snapshot = loadSnapshot(m_db);
    if (snapshot.error.isError())
        abortBench("load a snapshot", snapshot.error);
    const DashboardReading reading = DashboardReading::load(m_db, m_storeQueue, source);
    if (reading.storesError.isError())
        abortBench("read the store load", reading.storesError);
}

QList<double> RefreshTiming::refreshes(int count, StoreSource source)
{
    QList<double> ms;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer timer;
        timer.start();
        refreshOnce(source);
        ms.append(elapsedMs(timer));
    }
    return ms;
}

QList<std::pair<QString, std::function<bool()>>> RefreshTiming::calls()
{
    QSqlDatabase db = m_db;
    const QString queue = m_storeQueue;
    return {
        {u"StatsStore::counts (quick)"_s, [db] { return StatsStore(db).counts(CountMode::Quick).ok(); }},
        {u"StatsStore::timings (1 h)"_s, [db] { return StatsStore(db).timings().ok(); }},
        {u"StatsStore::throughput (60 min)"_s, [db] { return StatsStore(db).throughput(60).ok(); }},
        {u"WorkerStore::list"_s, [db] { return WorkerStore(db).list().ok(); }},
        {u"HealthStore::current"_s, [db] { return HealthStore(db).current().ok(); }},
        {u"DatabaseHealthStore::read"_s, [db] { return DatabaseHealthStore(db).read().ok(); }},
        {u"StatsStore::storeLoad (%1, top 10)"_s.arg(queue),
         [db, queue] { return StatsStore(db).storeLoad(queue, DashboardReading::TopStores).ok(); }},
        {u"MetricsStore::history (%1, last 2 min)"_s.arg(queue),
         [db, queue] {
             return MetricsStore(db).history(queue, QDateTime::currentDateTimeUtc().addSecs(-120)).ok();
         }},
    };
}

QList<RefreshTiming::Part> RefreshTiming::parts(int count)
{
    QList<Part> parts;
    for (const auto &[name, call] : calls()) {
        Part part{name, {}};
        for (int i = 0; i < count; ++i) {
            QElapsedTimer timer;
            timer.start();
            if (!call())
                abortBench(qPrintable(name), Error(Error::Code::Database, u"the call failed"_s));
            part.ms.append(elapsedMs(timer));
        }
        parts.append(part);
    }
    return parts;
}

RefreshTiming::Figures RefreshTiming::summarise(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    if (ms.isEmpty())
        return {};
    return {ms.first(), quantile(ms, 0.5), quantile(ms, 0.95), ms.last()};
}

} // namespace QueueDesk::Bench
