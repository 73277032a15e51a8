#pragma once

#include "benchserver.h"
#include "util/error.h"

namespace QueueDesk::Bench {

// The table the dashboard is measured against: `jobs` rows in four queues,
// a tenth of them waiting in one queue ("scrape") over 1,000 stores (a few
// stores much busier than the rest), a hundredth failed, a thousandth
// scheduled, 200 active, the rest completed; finished jobs spread over the
// last 7 days. Plus 24 h of metrics history (one sample per 10 s) and a
// health row per queue. Loaded with INSERT ... SELECT generate_series.
class DashboardDataset final
{
public:
    static constexpr qint64 Stores = 1000;
    static constexpr qint64 Active = 200;

    DashboardDataset(BenchServer &server, QString database, qint64 jobs);

    // Reuses the database when it already holds this dataset and reuse is
    // allowed; otherwise creates, migrates and fills it, then VACUUM ANALYZE.
    Status prepare(bool reuse);
    // A metrics sample of every queue taken now (a copy of the newest), as
    // a running scheduler leader would have written within seconds.
    Status freshSample();
    const QString &database() const { return m_database; }
    qint64 jobs() const { return m_jobs; }
    qint64 waiting() const { return m_jobs / 10; }
    static QString busiestQueue() { return u"scrape"_s; }

private:
    bool isReady();
    Status fill();
    Status insertJobs(ScopedConnection &conn);
    Status insertMetrics(ScopedConnection &conn);

    BenchServer &m_server;
    QString m_database;
    qint64 m_jobs;
};

} // namespace QueueDesk::Bench
