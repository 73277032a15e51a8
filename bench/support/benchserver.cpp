#include "benchserver.h"

#include "db/migrator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QThread>

namespace QueueDesk::Bench {

namespace {

// The peers' harness settings (bench-peers/start-pg.sh), so that their
// published figures stay comparable; fsync and synchronous_commit stay on.
const QString clusterConfig =
    u"shared_buffers = 256MB\n"_s
    u"work_mem = 16MB\n"_s
    u"maintenance_work_mem = 256MB\n"_s
    u"effective_cache_size = 4GB\n"_s
    u"random_page_cost = 1.1\n"_s
    u"max_wal_size = 8GB\n"_s
    u"min_wal_size = 1GB\n"_s
    u"checkpoint_timeout = 30min\n"_s
    u"checkpoint_completion_target = 0.9\n"_s
    u"jit = off\n"_s
    u"log_checkpoints = on\n"_s
    u"log_autovacuum_min_duration = 0\n"_s
    // Loaded but idle: the engine bench's --statements turns tracking on per run database.
    u"shared_preload_libraries = 'pg_stat_statements'\n"_s
    u"pg_stat_statements.track = none\n"_s;

QString quoted(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u"'"_s + escaped + u"'"_s;
}

} // namespace

BenchServer::~BenchServer()
{
    m_admin.close();
    if (m_cluster && m_stopAtExit) {
        if (Status stopped = m_cluster->stop(); !stopped)
            qWarning("could not stop the bench cluster: %s", qPrintable(stopped.error().toString()));
    }
}

Result<std::unique_ptr<BenchServer>> BenchServer::start(const BenchOptions &options)
{
    return start(options.dataDir, options.dsn, options.keepCluster);
}

Result<std::unique_ptr<BenchServer>> BenchServer::start(const QString &dataDir, const QString &dsn, bool keepCluster)
{
    std::unique_ptr<BenchServer> server(new BenchServer);
    if (!dsn.isEmpty()) {
        auto settings = ConnectionSettings::fromDsn(dsn);
        if (!settings)
            return settings.error();
        server->m_server = settings.value();
    } else {
        server->m_cluster = std::make_unique<LocalCluster>(QDir(dataDir).absolutePath(),
                                                           LocalCluster::Options{true, clusterConfig});
        const bool wasRunning = server->m_cluster->isInitialised() && server->m_cluster->isRunning();
        if (Status started = server->m_cluster->ensureStarted(); !started)
            return started.error();
        server->m_stopAtExit = !wasRunning && !keepCluster;
        server->m_server = server->m_cluster->connectionSettings(u"postgres"_s);
    }
    server->m_server.applicationName = u"queuedesk-bench"_s;
    if (Status connected = server->connectAdmin(); !connected)
        return connected.error();
    return server;
}

Status BenchServer::connectAdmin()
{
    if (Status opened = m_admin.open(m_server, u"bench-admin"_s); !opened)
        return opened;
    // DROP DATABASE IF EXISTS would print a NOTICE for every fresh name.
    auto quiet = m_admin.exec(u"SET client_min_messages = warning"_s);
    return quiet ? Status() : Status(quiet.error());
}

ConnectionSettings BenchServer::settings(const QString &database) const
{
    ConnectionSettings settings = m_server;
    settings.database = database;
    return settings;
}

QString BenchServer::dsn(const QString &database) const
{
    QStringList parts{u"dbname="_s + quoted(database), u"port="_s + QString::number(m_server.port)};
    if (!m_server.host.isEmpty())
        parts << u"host="_s + quoted(m_server.host);
    if (!m_server.user.isEmpty())
        parts << u"user="_s + quoted(m_server.user);
    if (!m_server.password.isEmpty())
        parts << u"password="_s + quoted(m_server.password);
    if (!m_server.sslMode.isEmpty())
        parts << u"sslmode="_s + quoted(m_server.sslMode);
    return parts.join(u' ');
}

Status BenchServer::adminExec(const QString &sql)
{
    auto done = m_admin.exec(sql);
    return done ? Status() : Status(done.error());
}

Status BenchServer::execIn(const QString &database, const QString &sql)
{
    ScopedConnection conn;
    if (Status opened = conn.open(settings(database), u"bench-exec"_s); !opened)
        return opened;
    auto done = conn.exec(sql);
    return done ? Status() : Status(done.error());
}

QList<qint64> BenchServer::serverPids()
{
    QList<qint64> pids;
    auto rows = m_admin.exec(u"SELECT pid FROM pg_stat_activity"_s);
    if (rows) {
        while (rows.value().next())
            pids.append(rows.value().value(0).toLongLong());
    }
    return pids;
}

Status BenchServer::drop(const QString &database)
{
    auto dropped = m_admin.exec(u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(database));
    return dropped ? Status() : Status(dropped.error());
}

Status BenchServer::recreate(const QString &database, const QString &templateName)
{
    if (Status dropped = drop(database); !dropped)
        return dropped;
    // FILE_COPY copies the template's files instead of WAL-logging every page.
    const QString sql = templateName.isEmpty()
        ? u"CREATE DATABASE \"%1\""_s.arg(database)
        : u"CREATE DATABASE \"%1\" TEMPLATE \"%2\" STRATEGY = FILE_COPY"_s.arg(database, templateName);
    auto created = m_admin.exec(sql);
    return created ? Status() : Status(created.error());
}

Status BenchServer::migrate(const QString &database)
{
    ScopedConnection conn;
    if (Status opened = conn.open(settings(database), u"bench-migrate"_s); !opened)
        return opened;
    auto applied = Migrator(conn.db()).migrate();
    return applied ? Status() : Status(applied.error());
}

Status BenchServer::settle(const QString &database)
{
    ScopedConnection conn;
    if (Status opened = conn.open(settings(database), u"bench-settle"_s); !opened)
        return opened;
    for (const QString &sql : {u"VACUUM ANALYZE queuedesk.jobs"_s, u"CHECKPOINT"_s}) {
        if (auto done = conn.exec(sql); !done)
            return done.error();
    }
    return {};
}

Status BenchServer::waitIdle(const QString &database, int remaining)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        auto others = m_admin.value(u"SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"_s,
                                    {database});
        if (!others)
            return others.error();
        if (others.value().toInt() <= remaining)
            return {};
        QThread::msleep(50);   // polling the server: there is nothing to wait on
    }
    return Error(Error::Code::Database, u"Sessions on %1 did not end within 30 s."_s.arg(database));
}

QString BenchServer::describe()
{
    auto row = m_admin.exec(u"SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), "
                            u"current_setting('shared_buffers'), current_setting('max_wal_size'), "
                            u"current_setting('autovacuum'), current_setting('jit')"_s);
    if (!row || !row.value().next())
        return u"(server settings unavailable)"_s;
    const QSqlQuery &q = row.value();
    return u"%1 | fsync=%2 synchronous_commit=%3 shared_buffers=%4 max_wal_size=%5 autovacuum=%6 jit=%7 | %8 | %9 cores"_s
        .arg(q.value(0).toString().section(u',', 0, 0), q.value(1).toString(), q.value(2).toString(),
             q.value(3).toString(), q.value(4).toString(), q.value(5).toString(), q.value(6).toString(),
             m_server.host.startsWith(u'/') ? u"unix socket"_s : u"TCP"_s)
        .arg(QThread::idealThreadCount());
}

QStringList BenchServer::clientArgs(const QString &database) const
{
    QStringList args{u"-p"_s, QString::number(m_server.port), u"-d"_s, database};
    if (!m_server.host.isEmpty())
        args << u"-h"_s << m_server.host;
    if (!m_server.user.isEmpty())
        args << u"-U"_s << m_server.user;
    return args;
}

QProcessEnvironment BenchServer::clientEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!m_server.password.isEmpty())
        env.insert(u"PGPASSWORD"_s, m_server.password);
    if (!m_server.sslMode.isEmpty())
        env.insert(u"PGSSLMODE"_s, m_server.sslMode);
    return env;
}

CpuMeter BenchServer::cpuMeter() const
{
    return CpuMeter(m_cluster ? m_cluster->dataDir() + u"/pgdata/postmaster.pid"_s : QString());
}

} // namespace QueueDesk::Bench
