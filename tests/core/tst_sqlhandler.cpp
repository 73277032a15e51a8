#include "db/database.h"
#include "engine/handlerregistry.h"
#include "engine/handlers/builtinhandlers.h"
#include "handlerrun.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The sql handler against a real database, from pool threads.
class TestSqlHandler : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_sqlhandler"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
        const Status created = Database::execScript(m_db, uR"(
            CREATE TABLE public.notes (note text);
            CREATE FUNCTION public.add_numbers(a integer, b bigint) RETURNS bigint LANGUAGE sql AS 'SELECT a + b';
            CREATE FUNCTION public.echo_text(t text) RETURNS text LANGUAGE sql AS 'SELECT t';
            CREATE FUNCTION public.describe(flag boolean, x numeric, missing text)
                RETURNS TABLE (flag boolean, x numeric, missing_is_null boolean)
                LANGUAGE sql AS 'SELECT flag, x, missing IS NULL';
            CREATE FUNCTION public.numbered(n integer)
                RETURNS TABLE (i integer, label text, doc jsonb, at timestamptz) LANGUAGE sql AS $$
                SELECT g, 'row ' || g, jsonb_build_object('g', g, 'tags', jsonb_build_array('a')),
                       timestamptz '2024-01-02 03:04:05+00' FROM generate_series(1, n) g $$;
            CREATE PROCEDURE public.add_note(n text) LANGUAGE sql AS $$ INSERT INTO public.notes VALUES (n) $$;
            CREATE FUNCTION public.explode(what text) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'boom: %', what; END $$;
            CREATE SCHEMA reports;
            CREATE FUNCTION reports.Total() RETURNS integer LANGUAGE sql AS 'SELECT 42';
        )"_s);
        QVERIFY2(created.ok(), qPrintable(created.error().toString()));

        HandlerSettings handlers;
        handlers.sqlEnabled = true;
        handlers.sqlConnection = settings.value();
        registerBuiltinHandlers(m_registry, handlers);
        HandlerSettings off;
        off.sqlConnection = settings.value();
        registerBuiltinHandlers(m_disabled, off);
        m_singleThread.setMaxThreadCount(1);
    }

    void isOffByDefault()
    {
        const HandlerResult result = runHandler(m_disabled, u"sql"_s, {{u"function"_s, u"public.add_numbers"_s}});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(result.permanent);
        QVERIFY2(result.error.contains(u"disabled in this worker's configuration"_s), qPrintable(result.error));
    }

    void callsAFunctionWithArguments()
    {
        HandlerResult result = run({{u"function"_s, u"public.add_numbers"_s}, {u"args"_s, QJsonArray{2, 40}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(rows(result), (QJsonArray{QJsonObject{{u"add_numbers"_s, 42}}}));
        // Unqualified and mixed case: resolved like SQL does, via search_path and case folding.
        result = run({{u"function"_s, u"REPORTS.total"_s}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(rows(result), (QJsonArray{QJsonObject{{u"total"_s, 42}}}));
        result = run({{u"function"_s, u"describe"_s}, {u"args"_s, QJsonArray{true, 2.5, QJsonValue()}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(rows(result),
                 (QJsonArray{QJsonObject{{u"flag"_s, true}, {u"x"_s, 2.5}, {u"missing_is_null"_s, true}}}));
    }

    void argumentsAreValuesNotSql()
    {
        const QString nasty = u"O'Brien'); DROP TABLE public.notes; -- \\ \" ? $$"_s;
        const HandlerResult result = run({{u"function"_s, u"echo_text"_s}, {u"args"_s, QJsonArray{nasty}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(rows(result), (QJsonArray{QJsonObject{{u"echo_text"_s, nasty}}}));
        QVERIFY(Database::exec(m_db, u"SELECT count(*) FROM public.notes"_s).ok());
    }

    void keepsTheFirstRowsAsJson()
    {
        const HandlerResult result = run({{u"function"_s, u"public.numbered"_s}, {u"args"_s, QJsonArray{250}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(rows(result).size(), 100);
        QCOMPARE(result.result.value(u"row_count"_s).toInt(), 250);
        QCOMPARE(result.result.value(u"truncated"_s).toBool(), true);
        const QJsonObject first = rows(result).first().toObject();
        QCOMPARE(first.value(u"i"_s).toInt(), 1);
        QCOMPARE(first.value(u"label"_s).toString(), u"row 1"_s);
        QCOMPARE(first.value(u"doc"_s).toObject(), (QJsonObject{{u"g"_s, 1}, {u"tags"_s, QJsonArray{u"a"_s}}}));
        QCOMPARE(QDateTime::fromString(first.value(u"at"_s).toString(), Qt::ISODateWithMs),
                 QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC));
    }

    void callsProcedures()
    {
        const HandlerResult result = run({{u"function"_s, u"add_note"_s}, {u"args"_s, QJsonArray{u"from a job"_s}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(rows(result), QJsonArray());
        auto notes = Database::exec(m_db, u"SELECT count(*) FROM public.notes WHERE note = 'from a job'"_s);
        QVERIFY(notes.ok() && notes.value().next());
        QCOMPARE(notes.value().value(0).toInt(), 1);
    }

    void serverErrorsAreRetryableFailures()
    {
        HandlerResult result = run({{u"function"_s, u"public.explode"_s}, {u"args"_s, QJsonArray{u"the disk"_s}}});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(!result.permanent);
        QVERIFY2(result.error.contains(u"boom: the disk"_s), qPrintable(result.error));
        QCOMPARE(result.result.value(u"sqlstate"_s).toString(), u"P0001"_s);
        result = run({{u"function"_s, u"public.no_such_function"_s}});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(!result.permanent);
        QVERIFY2(result.error.contains(u"does not exist"_s), qPrintable(result.error));
    }

    void badPayloadsFailPermanently_data()
    {
        QTest::addColumn<QJsonObject>("payload");
        QTest::addColumn<QString>("key");
        const auto call = [](const QString &function) { return QJsonObject{{u"function"_s, function}}; };
        QTest::newRow("missing") << QJsonObject() << u"\"function\""_s;
        QTest::newRow("statement") << call(u"public.echo_text('x'); DROP TABLE public.notes; --"_s) << u"\"function\""_s;
        QTest::newRow("quoted") << call(u"\"public\".\"echo_text\""_s) << u"\"function\""_s;
        QTest::newRow("three parts") << call(u"db.public.echo_text"_s) << u"\"function\""_s;
        QTest::newRow("space") << call(u"echo text"_s) << u"\"function\""_s;
        QTest::newRow("digit first") << call(u"1fn"_s) << u"\"function\""_s;
        QTest::newRow("comment") << call(u"echo_text--"_s) << u"\"function\""_s;
        QTest::newRow("not a string") << QJsonObject{{u"function"_s, 5}} << u"\"function\""_s;
        QTest::newRow("args object") << QJsonObject{{u"function"_s, u"echo_text"_s}, {u"args"_s, QJsonObject()}}
                                     << u"\"args\""_s;
        QTest::newRow("nested arg")
            << QJsonObject{{u"function"_s, u"echo_text"_s}, {u"args"_s, QJsonArray{QJsonArray{1}}}} << u"\"args\""_s;
        QTest::newRow("timeout") << QJsonObject{{u"function"_s, u"echo_text"_s}, {u"timeout_ms"_s, -3}}
                                 << u"\"timeout_ms\""_s;
        // Less than the operator's limit (an hour by default), never more, never none.
        QTest::newRow("no timeout") << QJsonObject{{u"function"_s, u"echo_text"_s}, {u"timeout_ms"_s, 0}}
                                    << u"\"timeout_ms\""_s;
        QTest::newRow("past the operator's timeout")
            << QJsonObject{{u"function"_s, u"echo_text"_s}, {u"timeout_ms"_s, 3600001}} << u"\"timeout_ms\""_s;
    }

    void badPayloadsFailPermanently()
    {
        QFETCH(QJsonObject, payload);
        QFETCH(QString, key);
        const HandlerResult result = run(payload);
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(result.permanent);
        QVERIFY2(result.error.contains(key), qPrintable(result.error));
        QVERIFY(Database::exec(m_db, u"SELECT count(*) FROM public.notes"_s).ok());
    }

    void reusesOneConnectionPerThreadAndClosesItWithTheThread()
    {
        const QJsonObject pid{{u"function"_s, u"pg_backend_pid"_s}};
        const auto backendOf = [](HandlerRun &job) {
            job.waitForFinished();
            return job.result().result.value(u"rows"_s).toArray().first().toObject().value(u"pg_backend_pid"_s).toInt();
        };
        HandlerRun first(m_registry, u"sql"_s, pid, &m_singleThread);
        const int firstPid = backendOf(first);
        HandlerRun second(m_registry, u"sql"_s, pid, &m_singleThread);
        QCOMPARE(backendOf(second), firstPid);
        QVERIFY(firstPid > 0);

        // Another thread gets its own connection, which ends when the thread does.
        QThreadPool other;
        int otherPid = 0;
        {
            HandlerRun third(m_registry, u"sql"_s, pid, &other);
            otherPid = backendOf(third);
        }
        QVERIFY(otherPid > 0 && otherPid != firstPid);
        QVERIFY(isBackendAlive(otherPid));
        other.setExpiryTimeout(0);   // retire its idle thread now
        other.waitForDone();
        QTRY_VERIFY(!isBackendAlive(otherPid));
        QVERIFY(isBackendAlive(firstPid));
    }

    void cancelStopsTheStatement()
    {
        HandlerRun job(m_registry, u"sql"_s, {{u"function"_s, u"pg_sleep"_s}, {u"args"_s, QJsonArray{60}}});
        QVERIFY(QTest::qWaitFor([this] { return sleepersRunning() > 0; }, 10000));
        QVERIFY(job.cancelAndWait() < 2000);
        QCOMPARE(job.result().outcome, HandlerResult::Outcome::Cancelled);
        QTRY_COMPARE(sleepersRunning(), 0);
    }

    void timesOut()
    {
        QElapsedTimer timer;
        timer.start();
        const HandlerResult result =
            run({{u"function"_s, u"pg_sleep"_s}, {u"args"_s, QJsonArray{60}}, {u"timeout_ms"_s, 300}});
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(!result.permanent);
        QVERIFY2(result.error.contains(u"did not finish within 300 ms"_s), qPrintable(result.error));
        // The connection is fine for the next job on that thread.
        QVERIFY(run({{u"function"_s, u"echo_text"_s}, {u"args"_s, QJsonArray{u"after"_s}}}).ok());
    }

private:
    HandlerResult run(const QJsonObject &payload) { return runHandler(m_registry, u"sql"_s, payload); }
    static QJsonArray rows(const HandlerResult &result) { return result.result.value(u"rows"_s).toArray(); }

    bool isBackendAlive(int pid)
    {
        auto query = Database::exec(m_db, u"SELECT count(*) FROM pg_stat_activity WHERE pid = ?"_s, {pid});
        return query.ok() && query.value().next() && query.value().value(0).toInt() == 1;
    }

    int sleepersRunning()
    {
        auto query = Database::exec(m_db, u"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                                          u"AND query LIKE '%FROM pg_sleep(%' AND pid <> pg_backend_pid()"_s);
        return query.ok() && query.value().next() ? query.value().value(0).toInt() : -1;
    }

    QSqlDatabase m_db;
    HandlerRegistry m_registry;
    HandlerRegistry m_disabled;
    QThreadPool m_singleThread;
};

QTEST_GUILESS_MAIN(TestSqlHandler)
#include "tst_sqlhandler.moc"
