// An outcome can always be written: whatever a handler hands back is made
// storable and bounded, a value the server still refuses fails its own job
// and never the batch, and retry arithmetic cannot overflow. Before these
// fixes each case below either wedged the worker (the batch was put back and
// refused again for ever) or, at shutdown, gave jobs that had run back with
// their attempt uncounted.
#include "db/database.h"
#include "engine/ackwriter.h"
#include "engine/engine.h"
#include "engine/handlerregistry.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"
#include "testdatabase.h"
#include "util/logtext.h"
#include "util/storabletext.h"

#include <QJsonArray>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

const QString nulText = u"\x89PNG\r\n"_s + QChar(0) + u"\x1a\n"_s + QChar(0) + QChar(0);

// Returns whatever the payload says: a result with a NUL, or a failure.
class EchoHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override
    {
        if (context.payload().value(u"fail"_s).toBool())
            return HandlerResult::failure(nulText);
        return HandlerResult::success({{u"preview"_s, nulText}});
    }
};

} // namespace

class TestOutcomes final : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase m_db;
    ConnectionSettings m_settings;

    qint64 count(const QString &where)
    {
        return TestDatabase::scalar(m_db, u"SELECT count(*) FROM queuedesk.jobs WHERE "_s + where);
    }

    QList<qint64> claimAll(int n)
    {
        QList<qint64> ids;
        JobStore store(m_db);
        for (int i = 0; i < n; ++i)
            ids.append(store.enqueue(NewJob{.type = u"echo"_s}).value());
        auto claimed = store.claim({.queue = u"default"_s, .workerId = u"w"_s, .limit = n});
        if (!claimed || claimed->size() != n)
            qWarning("claimed %lld of %d", claimed ? qint64(claimed->size()) : -1LL, n);
        return ids;
    }

    // A started engine on the default queue whose only handler is echo.
    std::unique_ptr<Engine> echoEngine(int executors)
    {
        auto registry = std::make_shared<HandlerRegistry>();
        registry->add(u"echo"_s, [] { return std::make_unique<EchoHandler>(); });
        EngineSettings settings;
        settings.connection = m_settings;
        settings.queues = {{u"default"_s, executors}};
        settings.pollIntervalMs = 100;
        auto engine = std::make_unique<Engine>(settings, registry);
        engine->start();
        return engine;
    }

    static FinishedJob finished(qint64 id, HandlerResult result)
    {
        return FinishedJob{.id = id, .attempt = 1, .queue = u"default"_s, .result = std::move(result), .ran = true};
    }

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_outcomes"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs; DELETE FROM queuedesk.workers"_s).ok());
        QVERIFY(QueueStore(m_db).update({.name = u"default"_s}).ok());
    }

    void storableTextKeepsWhatItCan_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << u"plain ✓ 😀"_s << u"plain ✓ 😀"_s;
        QTest::newRow("nul") << (u"a"_s + QChar(0) + u"b"_s) << u"a\\u0000b"_s;
        QTest::newRow("lone high") << (u"x"_s + QChar(0xD800)) << (u"x"_s + QChar(QChar::ReplacementCharacter));
        QTest::newRow("lone low") << (QChar(0xDC00) + u"y"_s) << (QChar(QChar::ReplacementCharacter) + u"y"_s);
    }

    void storableTextKeepsWhatItCan()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(StorableText::text(in), out);
    }

    // A job's text in a log line cannot start a line of its own.
    void logTextEscapesControlCharacters_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("newline") << u"boom\n2026-12-05 queuedesk.worker: job 1 completed"_s
                                 << u"boom\\n2026-12-05 queuedesk.worker: job 1 completed"_s;
        QTest::newRow("carriage return, tab") << u"a\rb\tc"_s << u"a\\rb\\tc"_s;
        QTest::newRow("escape sequence") << u"\x1b[31mred"_s << u"\\x1b[31mred"_s;
        QTest::newRow("backslash") << u"C:\\path"_s << u"C:\\\\path"_s;
        QTest::newRow("line separator") << (u"a"_s + QChar(0x2028) + u"b"_s) << u"a\\x2028b"_s;
        QTest::newRow("plain") << u"plain ✓"_s << u"plain ✓"_s;
    }

    void logTextEscapesControlCharacters()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(LogText::escaped(in), out);
        QVERIFY(LogText::escaped(QString(5000, u'x'), 100).endsWith(u"[4900 more characters]"_s));
    }

    void longTextIsCutAndSaysSo()
    {
        const QString cut = StorableText::text(QString(100000, u'x'), 100);
        QVERIFY(cut.startsWith(QString(100, u'x') + u"…"_s));
        QVERIFY2(cut.contains(u"99900 more characters"_s), qPrintable(cut));
    }

    // A PNG preview and a failure message with NUL bytes: jsonb refuses
    // \u0000, which used to fail the whole acknowledgement for ever.
    void nulBytesInResultsAndErrorsAreStored()
    {
        const QList<qint64> ids = claimAll(2);
        JobStore store(m_db);
        AckWriter writer(store, u"w"_s);
        const AckWriter::Outcome outcome = writer.write(
            {finished(ids[0], HandlerResult::success({{u"preview"_s, nulText}})),
             finished(ids[1], HandlerResult::failure(nulText, true))});
        QVERIFY2(outcome.retry.isEmpty(), qPrintable(outcome.error.toString()));
        QCOMPARE(store.job(ids[0])->state, JobState::Completed);
        QVERIFY(store.job(ids[0])->result.value(u"preview"_s).toString().contains(u"\\u0000"_s));
        QCOMPARE(store.job(ids[1])->state, JobState::Failed);
        const QString message = store.job(ids[1])->errors.at(0).toObject().value(u"message"_s).toString();
        QVERIFY2(message.startsWith(u"\x89PNG"_s) && message.contains(u"\\u0000"_s), qPrintable(message));
    }

    void hugeMessagesAndResultsAreBounded()
    {
        const QList<qint64> ids = claimAll(2);
        JobStore store(m_db);
        const QString huge(1024 * 1024, u'e');
        const AckWriter::Outcome outcome = AckWriter(store, u"w"_s).write(
            {finished(ids[0], HandlerResult::success({{u"body"_s, huge}, {u"more"_s, huge}})),
             finished(ids[1], HandlerResult::failure(huge, true))});
        QVERIFY2(outcome.retry.isEmpty(), qPrintable(outcome.error.toString()));
        const QJsonObject result = store.job(ids[0])->result;
        QVERIFY2(result.value(u"not_kept"_s).toString().contains(u"more than the 1048576 kept"_s),
                 qPrintable(result.value(u"not_kept"_s).toString()));
        QVERIFY(result.value(u"preview"_s).toString().size() <= 4096);
        QVERIFY(TestDatabase::scalar(m_db, u"SELECT octet_length(errors::text) FROM queuedesk.jobs WHERE id = ?"_s,
                                     {ids[1]})
                < 10 * 1024);
    }

    // power(2, attempts - 1) overflowed a double past 1,024 attempts: the
    // failure was refused, and with it every outcome in its batch.
    void theThousandthRetryStillHasABackoff()
    {
        QVERIFY(QueueStore(m_db).update({.name = u"default"_s, .maxAttempts = 100000}).ok());
        const QList<qint64> ids = claimAll(1);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET attempts = 5000, max_attempts = 100000"_s).ok());
        JobStore store(m_db);
        auto failed = store.fail(u"w"_s, {{ids[0], 5000, u"again"_s, false}});
        QVERIFY2(failed.ok(), qPrintable(failed.error().toString()));
        QCOMPARE(store.job(ids[0])->state, JobState::Scheduled);
        // Capped by the queue's backoff_max_ms (an hour by default), plus jitter.
        QVERIFY(store.job(ids[0])->runAt < QDateTime::currentDateTimeUtc().addSecs(3600 * 11 / 10 + 60));
    }

    // A value the server refuses for what it is (a trigger here, standing
    // for any check the data fails) fails that job alone, for good, with the
    // server's reason; the rest of the batch is written.
    void aRefusedOutcomeFailsItsJobAlone()
    {
        const QList<qint64> ids = claimAll(7);
        const qint64 bad = ids[4];
        QVERIFY(Database::exec(m_db, u"CREATE FUNCTION tst_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                     u"RAISE EXCEPTION 'value refused for job %', NEW.id USING ERRCODE = '22023'; END $$; "
                                     u"CREATE TRIGGER tst_refuse BEFORE UPDATE ON queuedesk.jobs FOR EACH ROW "
                                     u"WHEN (NEW.id = %1 AND NEW.state = 'completed') EXECUTE FUNCTION tst_refuse()"_s
                                         .arg(bad))
                    .ok());
        QList<FinishedJob> batch;
        for (qint64 id : ids)
            batch.append(finished(id, HandlerResult::success({{u"n"_s, double(id)}})));
        JobStore store(m_db);
        const AckWriter::Outcome outcome = AckWriter(store, u"w"_s).write(batch);
        QVERIFY(Database::exec(m_db, u"DROP TRIGGER tst_refuse ON queuedesk.jobs; DROP FUNCTION tst_refuse()"_s).ok());
        QVERIFY2(outcome.retry.isEmpty(), qPrintable(outcome.error.toString()));
        QCOMPARE(outcome.written.size(), 7);
        QCOMPARE(count(u"state = 'completed'"_s), 6);
        const Job refused = store.job(bad).value();
        QCOMPARE(refused.state, JobState::Failed);
        const QString message = refused.errors.at(0).toObject().value(u"message"_s).toString();
        QVERIFY2(message.contains(u"could not store this job's outcome"_s) && message.contains(u"value refused for job"_s),
                 qPrintable(message));
    }

    // The same through a running engine: the worker goes on with other jobs.
    void aRefusedOutcomeDoesNotWedgeTheEngine()
    {
        QVERIFY(Database::exec(m_db, u"CREATE FUNCTION tst_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                     u"RAISE EXCEPTION 'refused' USING ERRCODE = '23514'; END $$; "
                                     u"CREATE TRIGGER tst_refuse BEFORE UPDATE ON queuedesk.jobs FOR EACH ROW "
                                     u"WHEN (NEW.payload ? 'poison' AND NEW.state = 'completed') "
                                     u"EXECUTE FUNCTION tst_refuse()"_s)
                    .ok());
        JobStore store(m_db);
        const qint64 poison = store.enqueue(NewJob{.type = u"echo"_s, .payload = {{u"poison"_s, true}}}).value();
        for (int i = 0; i < 20; ++i)
            QVERIFY(store.enqueue(NewJob{.type = u"echo"_s, .payload = {{u"fail"_s, i % 2 == 0}}}).ok());
        {
            auto engine = echoEngine(2);
            QTRY_COMPARE_WITH_TIMEOUT(count(u"state IN ('completed', 'failed', 'scheduled')"_s), 21, 10000);
        }
        QVERIFY(Database::exec(m_db, u"DROP TRIGGER tst_refuse ON queuedesk.jobs; DROP FUNCTION tst_refuse()"_s).ok());
        QCOMPARE(store.job(poison)->state, JobState::Failed);
        QCOMPARE(count(u"state = 'completed'"_s), 10);
    }

    // PostgreSQL takes a NUL in a payload string nowhere and nesting deeper
    // than a worker can read back: both are refused at enqueue, saying
    // where (a NUL was the server's own error before, deep nesting stored).
    void unstorablePayloadsAreRefusedAtEnqueue()
    {
        QJsonObject deep{{u"leaf"_s, 1}};
        for (int i = 0; i < NewJob::maxPayloadDepth; ++i)
            deep = QJsonObject{{u"a"_s, deep}};
        JobStore store(m_db);
        auto tooDeep = store.enqueue(NewJob{.type = u"echo"_s, .payload = deep});
        QCOMPARE(tooDeep.error().code, Error::Code::InvalidPayload);
        QVERIFY2(tooDeep.error().message.contains(u"deeper than 1000 levels"_s), qPrintable(tooDeep.error().message));
        auto withNul = store.enqueue(NewJob{.type = u"echo"_s, .payload = {{u"list"_s, QJsonArray{1, nulText}}}});
        QCOMPARE(withNul.error().code, Error::Code::InvalidPayload);
        QVERIFY2(withNul.error().message.contains(u"NUL character"_s) && withNul.error().message.contains(u"payload.list[1]"_s),
                 qPrintable(withNul.error().message));
        QCOMPARE(count(u"true"_s), 0);
        QVERIFY(store.enqueue(NewJob{.type = u"echo"_s, .payload = deep.value(u"a"_s).toObject()}).ok());
    }

    // A plain SQL producer can store a payload the worker cannot read (deeper
    // than Qt's reader goes): the job fails for good saying so, instead of
    // running with an empty payload.
    void anUnreadablePayloadFailsItsJob()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, payload) "
                                     u"SELECT 'default', 'echo', (repeat('{\"a\":', 1100) || '1' || repeat('}', 1100))::jsonb"_s)
                    .ok());
        auto engine = echoEngine(1);
        QTRY_COMPARE(count(u"state = 'failed'"_s), 1);
        const qint64 id = TestDatabase::scalar(m_db, u"SELECT id FROM queuedesk.jobs"_s);
        const QString message = JobStore(m_db).job(id)->errors.at(0).toObject().value(u"message"_s).toString();
        QVERIFY2(message.contains(u"payload cannot be read"_s), qPrintable(message));
    }

    // A job that ran keeps its attempt used even when its outcome could not
    // be written before shutdown (here: a lock the write cannot get), so a
    // job whose outcome never lands cannot run for ever.
    void jobsThatRanAreGivenBackWithTheirAttemptUsed()
    {
        QVERIFY(Database::exec(m_db, u"CREATE FUNCTION tst_busy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                     u"RAISE EXCEPTION 'busy' USING ERRCODE = '55P03'; END $$; "
                                     u"CREATE TRIGGER tst_busy BEFORE UPDATE ON queuedesk.jobs FOR EACH ROW "
                                     u"WHEN (NEW.state = 'completed') EXECUTE FUNCTION tst_busy()"_s)
                    .ok());
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"echo"_s}).value();
        {
            auto engine = echoEngine(1);
            QTRY_COMPARE(count(u"state = 'active'"_s), 1);
            QTest::qWait(300);   // its completion is refused and waits for a retry
            engine->stop(0);
            QVERIFY(engine->waitForStopped(10000));
        }
        QVERIFY(Database::exec(m_db, u"DROP TRIGGER tst_busy ON queuedesk.jobs; DROP FUNCTION tst_busy()"_s).ok());
        const Job job = store.job(id).value();
        QCOMPARE(job.state, JobState::Waiting);
        QCOMPARE(job.attempts, 1);
    }
};

QTEST_GUILESS_MAIN(TestOutcomes)
#include "tst_outcomes.moc"
