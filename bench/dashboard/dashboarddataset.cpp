#include "dashboarddataset.h"

#include "queue/queuestore.h"
#include "report.h"

#include <QElapsedTimer>

namespace QueueDesk::Bench {

namespace {

constexpr qint64 Chunk = 1000000;

// Row i (1-based) of n: completed first (oldest ids), then failed,
// scheduled, active, and the waiting jobs last, as a queue that has been
// running for a week looks. Finished jobs spread evenly over 7 days; the
// unfinished ones were created in the last hour. Store skew: store k gets a
// share that falls with k (the square of an even spread), so the top 10
// stores hold a tenth of the waiting jobs, the busiest alone 3%.
const auto insertSql =
    u"WITH p AS (SELECT ?::bigint AS n, ?::bigint AS c, ?::bigint AS f, ?::bigint AS s, ?::bigint AS a) "
    u"INSERT INTO queuedesk.jobs (queue, type, store, state, run_at, attempts, locked_by, lease_until, "
    u"                            created_at, started_at, finished_at) "
    u"SELECT CASE k.kind WHEN 'waiting' THEN 'scrape' "
    u"                   WHEN 'active' THEN CASE WHEN i % 4 = 0 THEN 'default' ELSE 'scrape' END "
    u"                   WHEN 'scheduled' THEN CASE WHEN i % 2 = 0 THEN 'emails' ELSE 'reports' END "
    u"                   ELSE (ARRAY['scrape', 'default', 'emails', 'reports'])[1 + i % 4] END, "
    u"       'noop', "
    u"       'store-' || lpad(floor(1000 * power(((i * 7919) % 1000003) / 1000003.0, 2))::int::text, 4, '0'), "
    u"       k.kind, "
    u"       CASE WHEN k.kind = 'scheduled' THEN now() + interval '1 hour' ELSE t.at END, "
    u"       CASE WHEN k.kind IN ('completed', 'failed', 'active') THEN 1 WHEN k.kind = 'scheduled' THEN i % 2 ELSE 0 END, "
    u"       CASE WHEN k.kind = 'active' THEN 'bench-worker' END, "
    u"       CASE WHEN k.kind = 'active' THEN now() + interval '1 hour' END, "
    u"       t.at, "
    u"       CASE WHEN k.kind IN ('completed', 'failed', 'active') THEN t.at + interval '50 ms' END, "
    u"       CASE WHEN k.kind IN ('completed', 'failed') THEN t.at + interval '250 ms' END "
    u"  FROM p, generate_series(?::bigint, ?::bigint) AS i "
    u"  CROSS JOIN LATERAL (SELECT CASE WHEN i <= p.c THEN 'completed' WHEN i <= p.c + p.f THEN 'failed' "
    u"                                  WHEN i <= p.c + p.f + p.s THEN 'scheduled' "
    u"                                  WHEN i <= p.c + p.f + p.s + p.a THEN 'active' ELSE 'waiting' END AS kind) k "
    u"  CROSS JOIN LATERAL (SELECT CASE "
    u"      WHEN k.kind = 'completed' THEN now() - interval '7 days' + interval '7 days' * (i::float8 / p.c) "
    u"      WHEN k.kind = 'failed' THEN now() - interval '7 days' + interval '7 days' * ((i - p.c)::float8 / p.f) "
    u"      ELSE now() - interval '1 hour' * ((p.n - i)::float8 / (p.n - p.c - p.f)) END AS at) t"_s;

// 24 h of samples every 10 s for every queue, shaped like the scheduler's
// rows (ten top stores, pool figures, server connection counts).
const auto metricsSql =
    u"INSERT INTO queuedesk.metrics (at, queue, delayed, retrying, waiting, active, completed_total, failed_total, "
    u"    completed, failed, runtime_avg_ms, runtime_p95_ms, wait_avg_ms, wait_p95_ms, top_stores, pool_total, "
    u"    pool_idle, pool_in_use, pool_waiting, server_connections, sampled_by) "
    u"SELECT date_trunc('second', now()) - make_interval(secs => s * 10), q, 2500, 2500, "
    u"       CASE WHEN q = 'scrape' THEN ?::bigint - s * 10 ELSE 0 END, 50, ?::bigint / 4, ?::bigint / 4, "
    u"       150, 2, 200, 250, 900, 4000, "
    u"       (SELECT jsonb_agg(jsonb_build_object('store', 'store-' || lpad(k::text, 4, '0'), "
    u"                                            'waiting', CASE WHEN q = 'scrape' THEN ?::bigint / 40 - k * 500 ELSE 0 END, "
    u"                                            'active', 2)) FROM generate_series(0, 9) k), "
    u"       16, 10, 6, 0, '{\"active\": 6, \"idle\": 12}'::jsonb, 'bench-worker' "
    u"  FROM generate_series(1, 8640) s, unnest(ARRAY['default', 'emails', 'reports', 'scrape']) q"_s;

const auto healthSql =
    u"INSERT INTO queuedesk.queue_health (queue, state, reasons) VALUES "
    u"('scrape', 'warning', '[{\"rule\": \"max_waiting\", \"level\": \"warning\", "
    u"  \"message\": \"Many jobs are waiting (more than 100).\"}]'), "
    u"('default', 'healthy', '[]'), ('emails', 'healthy', '[]'), ('reports', 'healthy', '[]')"_s;

} // namespace

DashboardDataset::DashboardDataset(BenchServer &server, QString database, qint64 jobs)
    : m_server(server)
    , m_database(std::move(database))
    , m_jobs(jobs)
{
}

bool DashboardDataset::isReady()
{
    ScopedConnection conn;
    if (!conn.open(m_server.settings(m_database), u"bench-dataset-check"_s))
        return false;
    auto jobs = conn.value(u"SELECT jobs FROM public.bench_dataset"_s);
    return jobs && jobs.value().toLongLong() == m_jobs;
}

Status DashboardDataset::prepare(bool reuse)
{
    if (reuse && isReady()) {
        Report::line(u"reusing %1: it holds the %2-job dataset"_s.arg(m_database, Report::number(double(m_jobs))));
        // An older run's schema is brought up to this program's (the app
        // would otherwise open it read-only).
        if (Status migrated = m_server.migrate(m_database); !migrated)
            return migrated;
        return m_server.settle(m_database);
    }
    if (Status created = m_server.recreate(m_database); !created)
        return created;
    if (Status migrated = m_server.migrate(m_database); !migrated)
        return migrated;
    if (Status filled = fill(); !filled)
        return filled;
    return m_server.settle(m_database);
}

Status DashboardDataset::fill()
{
    ScopedConnection conn;
    if (Status opened = conn.open(m_server.settings(m_database), u"bench-dataset"_s); !opened)
        return opened;
    QueueStore queues(conn.db());
    for (const QString &name : {u"scrape"_s, u"emails"_s, u"reports"_s}) {
        QueueConfig config;
        config.name = name;
        config.perStoreLimit = name == u"scrape" ? std::optional<int>(5) : std::nullopt;
        if (Status created = queues.create(config); !created)
            return created;
    }
    if (Status inserted = insertJobs(conn); !inserted)
        return inserted;
    if (Status metrics = insertMetrics(conn); !metrics)
        return metrics;
    auto marked = conn.exec(u"CREATE TABLE public.bench_dataset AS SELECT ?::bigint AS jobs"_s, {m_jobs});
    return marked ? Status() : Status(marked.error());
}

Status DashboardDataset::freshSample()
{
    ScopedConnection conn;
    if (Status opened = conn.open(m_server.settings(m_database), u"bench-dataset-sample"_s); !opened)
        return opened;
    for (const QString &sql : {u"CREATE TEMP TABLE newest AS SELECT DISTINCT ON (queue) * FROM queuedesk.metrics "
                               u"ORDER BY queue, at DESC"_s,
                               u"UPDATE newest SET at = now()"_s,
                               u"INSERT INTO queuedesk.metrics SELECT * FROM newest"_s}) {
        if (auto done = conn.exec(sql); !done)
            return done.error();
    }
    return {};
}

Status DashboardDataset::insertJobs(ScopedConnection &conn)
{
    const qint64 failed = m_jobs / 100;
    const qint64 scheduled = m_jobs / 1000;
    const qint64 completed = m_jobs - waiting() - failed - scheduled - Active;
    QElapsedTimer timer;
    timer.start();
    for (qint64 from = 1; from <= m_jobs; from += Chunk) {
        const qint64 to = qMin(m_jobs, from + Chunk - 1);
        auto inserted = conn.exec(insertSql, {m_jobs, completed, failed, scheduled, Active, from, to});
        if (!inserted)
            return inserted.error();
        Report::line(u"  jobs %1..%2 inserted (%3 s)"_s.arg(Report::number(double(from)), Report::number(double(to)))
                         .arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    }
    Report::line(u"%1 jobs: %2 completed, %3 failed, %4 scheduled, %5 active, %6 waiting over %7 stores"_s
                     .arg(Report::number(double(m_jobs)), Report::number(double(completed)),
                          Report::number(double(failed)), Report::number(double(scheduled)),
                          Report::number(double(Active)), Report::number(double(waiting())))
                     .arg(Stores));
    return {};
}

Status DashboardDataset::insertMetrics(ScopedConnection &conn)
{
    auto metrics = conn.exec(metricsSql, {waiting(), m_jobs, m_jobs / 100, waiting()});
    if (!metrics)
        return metrics.error();
    auto health = conn.exec(healthSql);
    if (!health)
        return health.error();
    Report::line(u"metrics: 24 h of 10 s samples for 4 queues (34,560 rows); a health row per queue"_s);
    return {};
}

} // namespace QueueDesk::Bench
