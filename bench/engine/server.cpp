#include "server.h"

#include "db/database.h"
#include "db/migrator.h"

#include <QDir>
#include <QThread>

namespace QueueDesk::EngineBench {

namespace {

// bench-peers/start-pg.sh's settings, so that figures stay comparable with
// the peers'; fsync and synchronous_commit stay on.
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
    // Loaded but idle: --statements turns tracking on per run database.
    u"shared_preload_libraries = 'pg_stat_statements'\n"_s
    u"pg_stat_statements.track = none\n"_s;

QString quoted(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u"'"_s + escaped + u"'"_s;
}

} // namespace

Server::~Server()
{
    m_admin = QSqlDatabase();
    if (!m_adminName.isEmpty())
        Database::close(m_adminName);
    if (m_cluster && m_stopAtExit) {
        if (Status stopped = m_cluster->stop(); !stopped)
            qWarning("could not stop the bench cluster: %s", qPrintable(stopped.error().toString()));
    }
}

Result<std::unique_ptr<Server>> Server::start(const QString &dataDir, const QString &dsn, bool keep)
{
    std::unique_ptr<Server> server(new Server);
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
        server->m_stopAtExit = !wasRunning && !keep;
        server->m_server = server->m_cluster->connectionSettings(u"postgres"_s);
    }
    server->m_server.applicationName = u"queuedesk-enginebench"_s;
    server->m_adminName = u"enginebench-admin"_s;
    auto admin = Database::open(server->m_server, server->m_adminName);
    if (!admin)
        return admin.error();
    server->m_admin = admin.value();
    // DROP DATABASE IF EXISTS would print a NOTICE for every fresh name.
    if (auto quiet = server->admin(u"SET client_min_messages = warning"_s); !quiet)
        return quiet.error();
    return server;
}

Result<QSqlQuery> Server::admin(const QString &sql)
{
    return Database::exec(m_admin, sql);
}

ConnectionSettings Server::settings(const QString &database) const
{
    ConnectionSettings settings = m_server;
    settings.database = database;
    return settings;
}

QString Server::dsn(const QString &database) const
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

Status Server::drop(const QString &database)
{
    auto dropped = admin(u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(database));
    return dropped ? Status() : Status(dropped.error());
}

Status Server::recreate(const QString &database, const QString &templateName)
{
    if (Status dropped = drop(database); !dropped)
        return dropped;
    // FILE_COPY copies the template's files instead of WAL-logging every page.
    const QString sql = templateName.isEmpty()
        ? u"CREATE DATABASE \"%1\""_s.arg(database)
        : u"CREATE DATABASE \"%1\" TEMPLATE \"%2\" STRATEGY = FILE_COPY"_s.arg(database, templateName);
    auto created = admin(sql);
    return created ? Status() : Status(created.error());
}

Status Server::adminExec(const QString &sql)
{
    auto done = admin(sql);
    return done ? Status() : Status(done.error());
}

Status Server::execIn(const QString &database, const QString &sql)
{
    const QString name = u"enginebench-exec"_s;
    Status outcome;
    {
        auto db = Database::open(settings(database), name);
        if (!db)
            return db.error();
        if (auto done = Database::exec(db.value(), sql); !done)
            outcome = done.error();
    }
    Database::close(name);
    return outcome;
}

Status Server::migrate(const QString &database)
{
    const QString name = u"enginebench-migrate"_s;
    Status outcome;
    {
        auto db = Database::open(settings(database), name);
        if (!db)
            return db.error();
        auto applied = Migrator(db.value()).migrate();
        if (!applied)
            outcome = applied.error();
    }
    Database::close(name);
    return outcome;
}

Status Server::settle(const QString &database)
{
    const QString name = u"enginebench-settle"_s;
    Status outcome;
    {
        auto db = Database::open(settings(database), name);
        if (!db)
            return db.error();
        for (const QString &sql : {u"VACUUM ANALYZE queuedesk.jobs"_s, u"CHECKPOINT"_s}) {
            if (auto done = Database::exec(db.value(), sql); !done) {
                outcome = done.error();
                break;
            }
        }
    }
    Database::close(name);
    return outcome;
}

QList<qint64> Server::serverPids()
{
    QList<qint64> pids;
    auto rows = admin(u"SELECT pid FROM pg_stat_activity"_s);
    if (rows) {
        while (rows.value().next())
            pids.append(rows.value().value(0).toLongLong());
    }
    return pids;
}

QString Server::describe()
{
    auto row = admin(u"SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), "
                     u"current_setting('shared_buffers'), current_setting('jit')"_s);
    if (!row || !row.value().next())
        return u"(server settings unavailable)"_s;
    const QSqlQuery &q = row.value();
    return u"%1 | fsync=%2 synchronous_commit=%3 shared_buffers=%4 jit=%5 | %6 | %7 cores"_s
        .arg(q.value(0).toString().section(u',', 0, 0), q.value(1).toString(), q.value(2).toString(),
             q.value(3).toString(), q.value(4).toString(), m_server.host.startsWith(u'/') ? u"unix socket"_s : u"TCP"_s)
        .arg(QThread::idealThreadCount());
}

QStringList Server::clientArgs(const QString &database) const
{
    QStringList args{u"-p"_s, QString::number(m_server.port), u"-d"_s, database};
    if (!m_server.host.isEmpty())
        args << u"-h"_s << m_server.host;
    if (!m_server.user.isEmpty())
        args << u"-U"_s << m_server.user;
    return args;
}

QProcessEnvironment Server::clientEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!m_server.password.isEmpty())
        env.insert(u"PGPASSWORD"_s, m_server.password);
    if (!m_server.sslMode.isEmpty())
        env.insert(u"PGSSLMODE"_s, m_server.sslMode);
    return env;
}

} // namespace QueueDesk::EngineBench
