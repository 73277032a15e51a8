#include "db/database.h"
#include "db/preparedstatement.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The engine's libpq path beside QPSQL: statements prepared once per
// connection, prepared again when the server forgot them, results read
// without QVariant, and the same errors as the QtSql path.
class TestPreparedStatement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_prepared"_s, false);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void preparesOnceAndPassesParameters()
    {
        const PreparedStatement sum("tst_sum", "SELECT $1::bigint + $2::bigint AS total, $3::text IS NULL AS missing");
        for (int i = 0; i < 3; ++i) {
            auto result = sum.exec(m_db, {QByteArray::number(40), QByteArray::number(i), QByteArray()}, u"sum"_s);
            QVERIFY2(result.ok(), qPrintable(result.error().toString()));
            QCOMPARE(result->rows(), 1);
            QCOMPARE(result->toLongLong(0, result->column("total")), 40 + i);
            QVERIFY(result->toBool(0, result->column("missing")));
        }
        QCOMPARE(TestDatabase::scalar(m_db, u"SELECT count(*) FROM pg_prepared_statements WHERE name = 'tst_sum'"_s), 1);
    }

    void preparesAgainOnANewSession()
    {
        const PreparedStatement echo("tst_echo", "SELECT $1::text");
        QVERIFY(echo.exec(m_db, {"one"}, u"echo"_s).ok());
        // DISCARD ALL drops prepared statements, as a new session has none.
        QVERIFY(Database::exec(m_db, u"DISCARD ALL"_s).ok());
        auto again = echo.exec(m_db, {"two"}, u"echo"_s);
        QVERIFY2(again.ok(), qPrintable(again.error().toString()));
        QCOMPARE(again->text(0, 0), u"two"_s);
    }

    void preparesAgainWhenTheResultTypeChanged()
    {
        QVERIFY(Database::exec(m_db, u"DROP TABLE IF EXISTS tst_shape; CREATE TABLE tst_shape (a int); "
                                     u"INSERT INTO tst_shape VALUES (1)"_s).ok());
        const PreparedStatement all("tst_shape_all", "SELECT * FROM tst_shape");
        QVERIFY(all.exec(m_db, {}, u"shape"_s).ok());
        QVERIFY(Database::exec(m_db, u"ALTER TABLE tst_shape ADD COLUMN b text DEFAULT 'x'"_s).ok());
        auto after = all.exec(m_db, {}, u"shape"_s);
        QVERIFY2(after.ok(), qPrintable(after.error().toString()));
        QCOMPARE(after->text(0, after->column("b")), u"x"_s);
    }

    void insideATransactionRunsUnpreparedAndKeepsIt()
    {
        QVERIFY(Database::exec(m_db, u"DROP TABLE IF EXISTS tst_tx; CREATE TABLE tst_tx (a int)"_s).ok());
        const PreparedStatement insert("tst_tx_insert", "INSERT INTO tst_tx VALUES ($1::int)");
        QVERIFY(m_db.transaction());
        QVERIFY(insert.exec(m_db, {"7"}, u"insert"_s).ok());
        QVERIFY(m_db.commit());
        QCOMPARE(TestDatabase::scalar(m_db, u"SELECT sum(a) FROM tst_tx"_s), 7);
    }

    void errorsMapLikeTheQtSqlPath()
    {
        const PreparedStatement missing("tst_missing", "SELECT * FROM no_such_table_here");
        auto result = missing.exec(m_db, {}, u"missing"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::SchemaMissing);

        const PreparedStatement bad("tst_bad_cast", "SELECT $1::int");
        auto cast = bad.exec(m_db, {"not a number"}, u"cast"_s);
        QCOMPARE(cast.error().code, Error::Code::Database);
        QVERIFY2(cast.error().detail.contains(u"cast: "_s), qPrintable(cast.error().detail));
        // The connection is still usable after a failed statement.
        QVERIFY(bad.exec(m_db, {"5"}, u"cast"_s).ok());
    }

    void aTerminatedSessionIsConnectionLost()
    {
        QSqlDatabase victim = TestDatabase::connect(m_settings, u"victim"_s);
        const PreparedStatement ping("tst_ping", "SELECT 1");
        QVERIFY(ping.exec(victim, {}, u"ping"_s).ok());
        const qint64 pid = TestDatabase::scalar(victim, u"SELECT pg_backend_pid()"_s);
        QVERIFY(Database::exec(m_db, u"SELECT pg_terminate_backend(?)"_s, {pid}).ok());
        auto after = ping.exec(victim, {}, u"ping"_s);
        QVERIFY(!after.ok());
        QCOMPARE(after.error().code, Error::Code::ConnectionLost);
    }

    // Every offset form the server prints: whole hours, half hours, and the
    // seconds of local mean time before time zones.
    void timestampsMatchTheServersInstant_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("value");
        QTest::newRow("utc") << u"UTC"_s << u"2026-11-25 02:10:00.123456+00"_s;
        QTest::newRow("half hour") << u"Asia/Kolkata"_s << u"2026-06-01 23:59:59.5+00"_s;
        QTest::newRow("negative half hour") << u"America/St_Johns"_s << u"2026-01-01 00:00:00+00"_s;
        QTest::newRow("mean time seconds") << u"Europe/Amsterdam"_s << u"1890-07-14 12:00:00+00"_s;
        QTest::newRow("no fraction") << u"Europe/Athens"_s << u"2026-03-29 01:30:00+00"_s;
    }

    void timestampsMatchTheServersInstant()
    {
        QFETCH(QString, zone);
        QFETCH(QString, value);
        QVERIFY(Database::exec(m_db, u"SET TIME ZONE ?"_s, {zone}).ok());
        const PreparedStatement stamp("tst_stamp",
                                      "SELECT $1::timestamptz, (extract(epoch FROM $1::timestamptz) * 1000)::bigint");
        auto result = stamp.exec(m_db, {value.toUtf8()}, u"stamp"_s);
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        const QDateTime parsed = result->toDateTime(0, 0);
        QVERIFY2(parsed.isValid(), qPrintable(result->text(0, 0)));
        QCOMPARE(parsed.toMSecsSinceEpoch(), result->toLongLong(0, 1));
        QVERIFY(Database::exec(m_db, u"SET TIME ZONE 'UTC'"_s).ok());
    }

    void unexpectedTimestampsAreInvalid()
    {
        QVERIFY(!PgResult::parseTimestamp("infinity").isValid());
        QVERIFY(!PgResult::parseTimestamp("").isValid());
        QVERIFY(!PgResult::parseTimestamp("2026-11-25 02:10:00 UTC").isValid());
        QVERIFY(!PgResult::parseTimestamp("0044-03-15 12:00:00+00 BC").isValid());
        QVERIFY(!PgResult::parseTimestamp("2026/11/25 02:10:00+00").isValid());
        QVERIFY(!PgResult::parseTimestamp("2026-02-30 02:10:00+00").isValid());
        QVERIFY(PgResult::parseTimestamp("2026-11-25 02:10:00+01").isValid());
    }

private:
    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestPreparedStatement)
#include "tst_preparedstatement.moc"
