#include "testdatabase.h"

#include "db/database.h"
#include "db/localcluster.h"
#include "db/migrator.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace QueueDesk::Testing {

Result<ConnectionSettings> TestDatabase::serverSettings()
{
    const QString dsn = qEnvironmentVariable("QUEUEDESK_TEST_DSN");
    if (!dsn.isEmpty())
        return ConnectionSettings::fromDsn(dsn);
    LocalCluster cluster(QString::fromUtf8(QUEUEDESK_TEST_CLUSTER_DIR), LocalCluster::Options{false, {}});
    if (Status started = cluster.ensureStarted(); !started)
        return started.error();
    return cluster.connectionSettings(u"postgres"_s);
}

Result<ConnectionSettings> TestDatabase::create(const QString &name, bool migrate)
{
    auto server = serverSettings();
    if (!server)
        return server.error();
    const QString admin = u"qdtest-admin-"_s + name;
    {
        auto db = Database::open(server.value(), admin);
        if (!db)
            return db.error();
        if (auto dropped = Database::exec(db.value(), u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(name)); !dropped)
            return dropped.error();
        if (auto created = Database::exec(db.value(), u"CREATE DATABASE \"%1\""_s.arg(name)); !created)
            return created.error();
    }
    Database::close(admin);
    ConnectionSettings settings = server.value();
    settings.database = name;
    if (migrate) {
        const QString conn = u"qdtest-migrate-"_s + name;
        {
            auto db = Database::open(settings, conn);
            if (!db)
                return db.error();
            auto applied = Migrator(db.value()).migrate();
            if (!applied)
                return applied.error();
        }
        Database::close(conn);
    }
    return settings;
}

Status TestDatabase::drop(const QString &name)
{
    auto server = serverSettings();
    if (!server)
        return server.error();
    const QString admin = u"qdtest-drop-"_s + name;
    Status status;
    {
        auto db = Database::open(server.value(), admin);
        if (!db)
            return db.error();
        if (auto dropped = Database::exec(db.value(), u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(name)); !dropped)
            status = dropped.error();
    }
    Database::close(admin);
    return status;
}

QSqlDatabase TestDatabase::connect(const ConnectionSettings &settings, const QString &connectionName)
{
    auto db = Database::open(settings, connectionName);
    if (!db)
        qFatal("test database connection failed: %s", qPrintable(db.error().toString()));
    return db.value();
}

qint64 TestDatabase::scalar(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    auto query = Database::exec(db, sql, binds);
    if (!query) {
        qWarning().noquote() << "test query failed:" << query.error().toString();
        return -1;
    }
    return query.value().next() ? query.value().value(0).toLongLong() : -1;
}

} // namespace QueueDesk::Testing
