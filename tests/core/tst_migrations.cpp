#include "db/database.h"
#include "db/migrator.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_migrations"_s, false);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
    }

    void appliesEveryMigrationOnce()
    {
        Migrator migrator(m_db);
        auto before = migrator.state();
        QVERIFY(before.ok());
        QCOMPARE(before->current, 0);
        QVERIFY(before->needsMigration());

        auto first = migrator.migrate();
        QVERIFY2(first.ok(), qPrintable(first.error().toString()));
        QCOMPARE(first.value(), Migrator::migrations().size());

        const QString fingerprint = schemaFingerprint();
        auto second = migrator.migrate();
        QVERIFY(second.ok());
        QCOMPARE(second.value(), 0);
        QCOMPARE(schemaFingerprint(), fingerprint);
        QCOMPARE(migrator.state()->current, Migrator::latestVersion());
    }

    void refusesNewerSchema()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.migrations (version, name) VALUES (9999, 'future')"_s).ok());
        Migrator migrator(m_db);
        QVERIFY(migrator.state()->tooNew());
        auto result = migrator.migrate();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::SchemaTooNew);
        QVERIFY(result.error().message.contains(u"newer"_s));
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.migrations WHERE version = 9999"_s).ok());
    }

    // Another role made a queuedesk schema first (in a database others may
    // write to): the migrator refuses to move in, even as a superuser, and
    // says whose it is. It used to adopt it.
    void refusesASchemaOfAnotherRole()
    {
        auto settings = TestDatabase::create(u"qdtest_migrations_foreign"_s, false);
        QVERIFY(settings.ok());
        QSqlDatabase db = TestDatabase::connect(settings.value(), u"foreign"_s);
        // pg_monitor: a role every server has, not a superuser, not us.
        QVERIFY(Database::exec(db, u"CREATE SCHEMA queuedesk AUTHORIZATION pg_monitor"_s).ok());
        auto refused = Migrator(db).migrate();
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"belongs to the role \"pg_monitor\""_s),
                 qPrintable(refused.error().toString()));
        QCOMPARE(TestDatabase::scalar(db, u"SELECT count(*) FROM pg_tables WHERE schemaname = 'queuedesk'"_s), 0);
        // Handed to the migrating role, it is QueueDesk's.
        QVERIFY(Database::exec(db, u"ALTER SCHEMA queuedesk OWNER TO current_user"_s).ok());
        QVERIFY(Migrator(db).migrate().ok());
    }

    void concurrentMigratorsSerialise()
    {
        // A fresh database migrated from two connections at once: the
        // advisory lock makes one wait, and the second finds nothing to do.
        auto settings = TestDatabase::create(u"qdtest_migrations_race"_s, false);
        QVERIFY(settings.ok());
        QSqlDatabase a = TestDatabase::connect(settings.value(), u"race-a"_s);
        QSqlDatabase b = TestDatabase::connect(settings.value(), u"race-b"_s);
        QVERIFY(a.transaction());
        QVERIFY(Database::exec(a, u"SELECT pg_advisory_xact_lock(5855886128935379316)"_s).ok());
        auto applied = Migrator(b).migrate();   // blocks? no: a holds an unrelated key
        QVERIFY(applied.ok());
        QVERIFY(a.commit());
        auto again = Migrator(a).migrate();
        QVERIFY(again.ok());
        QCOMPARE(again.value(), 0);
    }

private:
    QString schemaFingerprint()
    {
        auto q = Database::exec(m_db, u"SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' "
                                      u"ORDER BY table_name, column_name) FROM information_schema.columns "
                                      u"WHERE table_schema = 'queuedesk'"_s);
        q.value().next();
        auto idx = Database::exec(m_db, u"SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes "
                                        u"WHERE schemaname = 'queuedesk'"_s);
        idx.value().next();
        auto rows = Database::exec(m_db, u"SELECT count(*) FROM queuedesk.queues"_s);
        rows.value().next();
        return q.value().value(0).toString() + idx.value().value(0).toString() + rows.value().value(0).toString();
    }

    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
