// DSNs parsed as libpq parses them, and connect options that cannot add an
// option of their own: on the real server, a value that tries to switch the
// database connects to the one it was given.
#include "db/connectionsettings.h"
#include "db/database.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

class TestConnectionSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_connectionsettings"_s, false);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
    }

    void dsnsParseAsLibpqReadsThem_data()
    {
        QTest::addColumn<QString>("dsn");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("sslMode");
        QTest::newRow("keywords") << u"host=db.example port=5433 dbname=q user=u password=p sslmode=verify-full"_s
                                  << u"db.example"_s << 5433 << u"q"_s << u"u"_s << u"p"_s << u"verify-full"_s;
        // Split on spaces before, which made this "Expected key=value ... got b'".
        QTest::newRow("quoted password") << u"host=x password='a b'"_s << u"x"_s << 5432 << u"postgres"_s << QString()
                                         << u"a b"_s << QString();
        QTest::newRow("escapes") << uR"(host=x password='it\'s a \\ and = sign' user = 'u v')"_s << u"x"_s << 5432
                                 << u"postgres"_s << u"u v"_s << uR"(it's a \ and = sign)"_s << QString();
        QTest::newRow("uri") << u"postgresql://u%40corp:p%20w%3Ad@db.example:6543/queues?sslmode=require"_s
                             << u"db.example"_s << 6543 << u"queues"_s << u"u@corp"_s << u"p w:d"_s << u"require"_s;
        QTest::newRow("uri socket") << u"postgres:///q?host=/run/postgresql"_s << u"/run/postgresql"_s << 5432 << u"q"_s
                                    << QString() << QString() << QString();
        // No password: libpq takes it from ~/.pgpass or $PGPASSFILE.
        QTest::newRow("no password") << u"host=db.example user=u"_s << u"db.example"_s << 5432 << u"postgres"_s << u"u"_s
                                     << QString() << QString();
    }

    void dsnsParseAsLibpqReadsThem()
    {
        QFETCH(QString, dsn);
        auto parsed = ConnectionSettings::fromDsn(dsn);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        QTEST(parsed->host, "host");
        QTEST(parsed->port, "port");
        QTEST(parsed->database, "database");
        QTEST(parsed->user, "user");
        QTEST(parsed->password, "password");
        QTEST(parsed->sslMode, "sslMode");
    }

    void badDsnsNameTheProblemNotTheString_data()
    {
        QTest::addColumn<QString>("dsn");
        QTest::addColumn<QString>("names");
        QTest::newRow("empty") << u"  "_s << u"No connection string"_s;
        QTest::newRow("unquoted space") << u"host=x password=hunter2 s3cret"_s << u"not valid: missing \"=\" after \"…\""_s;
        QTest::newRow("unterminated") << u"host=x password='hunter2 s3cret"_s << u"not valid"_s;
        QTest::newRow("percent") << u"postgres://u:hunter2%zzs3cret@x/db"_s << u"not valid"_s;
        QTest::newRow("two ports") << u"host=a,b port=5432,5433 password=hunter2s3cret"_s << u"port"_s;
        QTest::newRow("port range") << u"host=x port=70000 password=hunter2s3cret"_s << u"port"_s;
        QTest::newRow("sslmode") << u"host=x sslmode=sometimes password=hunter2s3cret"_s << u"sslmode"_s;
        QTest::newRow("unsupported") << u"host=x service=prod password=hunter2s3cret"_s << u"\"service\""_s;
        QTest::newRow("semicolon") << u"host=x application_name=x;dbname=other password=hunter2s3cret"_s
                                   << u"application_name"_s;
        QTest::newRow("timeout") << u"host=x connect_timeout=soon password=hunter2s3cret"_s << u"connect_timeout"_s;
    }

    void badDsnsNameTheProblemNotTheString()
    {
        QFETCH(QString, dsn);
        QFETCH(QString, names);
        auto parsed = ConnectionSettings::fromDsn(dsn);
        QVERIFY(!parsed.ok());
        const QString text = parsed.error().toString();
        QVERIFY2(text.contains(names), qPrintable(text));
        QVERIFY2(!text.contains(u"hunter2"_s) && !text.contains(u"s3cret"_s), qPrintable(text));
    }

    // Before the values were quoted, "application_name=x dbname=postgres"
    // reached libpq as two options and connected to the postgres database.
    void optionValuesCannotSwitchTheDatabase_data()
    {
        QTest::addColumn<QString>("applicationName");
        QTest::newRow("space") << u"x dbname=postgres"_s;
        QTest::newRow("quote") << u"x' dbname='postgres"_s;
        QTest::newRow("backslash quote") << uR"(x\' dbname=postgres \)"_s;
    }

    void optionValuesCannotSwitchTheDatabase()
    {
        QFETCH(QString, applicationName);
        ConnectionSettings settings = m_settings;
        settings.applicationName = applicationName;
        {
            auto db = Database::open(settings, u"injection"_s);
            QVERIFY2(db.ok(), qPrintable(db.error().toString()));
            auto row = Database::exec(db.value(), u"SELECT current_database(), current_setting('application_name')"_s);
            QVERIFY(row.ok() && row.value().next());
            QCOMPARE(row.value().value(0).toString(), m_settings.database);
            QCOMPARE(row.value().value(1).toString(), applicationName);
        }
        Database::close(u"injection"_s);
    }

    // QPSQL turns every ';' of the options into a space, so no quoting can
    // carry one: refused before libpq sees it. So is a NUL, which would end
    // the connection string early, dropping the options after it (sslmode).
    void unsayableValuesAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("application_name ;") << u"application_name"_s;
        QTest::newRow("sslrootcert ;") << u"sslrootcert"_s;
        QTest::newRow("host NUL") << u"host"_s;
        QTest::newRow("password NUL") << u"password"_s;
    }

    void unsayableValuesAreRefused()
    {
        QFETCH(QString, field);
        ConnectionSettings settings = m_settings;
        if (field == u"application_name")
            settings.applicationName = u"x;dbname=postgres"_s;
        else if (field == u"sslrootcert")
            settings.sslRootCert = u"/tmp/ca.pem;dbname=postgres"_s;
        else if (field == u"host")
            settings.host += QChar(u'\0') + u"x"_s;
        else
            settings.password = u"secret"_s + QChar(u'\0');
        auto db = Database::open(settings, u"refused"_s);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, Error::Code::InvalidArgument);
        QVERIFY2(db.error().message.contains(field), qPrintable(db.error().message));
        QVERIFY(!db.error().toString().contains(u"secret"_s));
        QVERIFY(!QSqlDatabase::contains(u"refused"_s));
    }

private:
    ConnectionSettings m_settings;
};

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
