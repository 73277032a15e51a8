// Leases are fenced: every write about a claimed job names the attempt it
// claimed, so a run whose job was rescued and claimed again can no longer
// settle, extend or report on it, and its worker learns at the next
// heartbeat that the job is gone and stops the handler. Before, writes
// checked only the worker's name: an expired lease still accepted a
// completion, and a worker whose job another had claimed ran its handler to
// the end, never told.
#include "db/database.h"
#include "engine/engine.h"
#include "engine/handlerregistry.h"
#include "queue/jobstore.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

std::atomic<bool> handlerRunning{false};
std::atomic<bool> handlerSawCancel{false};

// Runs for a minute unless cancelled.
class LongHandler final : public Handler
{
public:
    HandlerResult run(JobContext &context) override
    {
        handlerRunning = true;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 60000 && !context.isCancelled())
            QThread::msleep(10);
        handlerSawCancel = context.isCancelled();
        handlerRunning = false;
        return context.isCancelled() ? HandlerResult::cancelled() : HandlerResult::success();
    }
};

} // namespace

class TestLeaseFence final : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase m_db;
    ConnectionSettings m_settings;

    // What a rescue followed by another worker's claim does to the row.
    bool takeOver(qint64 id, const QString &worker)
    {
        return Database::exec(m_db, u"UPDATE queuedesk.jobs SET attempts = attempts + 1, locked_by = ?, "
                                    u"lease_until = now() + interval '5 minutes' WHERE id = ?"_s,
                              {worker, id})
            .ok();
    }

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_leasefence"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs; DELETE FROM queuedesk.workers"_s).ok());
    }

    // The same worker name claims the job again after a rescue (a restarted
    // worker with a fixed id, say): only the newer attempt may write.
    void aStaleAttemptChangesNothing()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"noop"_s}).value();
        QCOMPARE(store.claim({.queue = u"default"_s, .workerId = u"w"_s})->first().attempts, 1);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET lease_until = now() - interval '1 second'"_s).ok());
        QCOMPARE(store.rescueExpired()->size(), 1);
        QCOMPARE(store.claim({.queue = u"default"_s, .workerId = u"w"_s})->first().attempts, 2);

        QCOMPARE(store.complete(u"w"_s, {{id, 1, {}}})->size(), 0);
        QCOMPARE(store.fail(u"w"_s, {{id, 1, u"stale"_s, true}})->size(), 0);
        QCOMPARE(store.markCancelled(u"w"_s, {{id, 1}})->size(), 0);
        QCOMPARE(store.release(u"w"_s, {{id, 1}})->size(), 0);
        QCOMPARE(store.reportProgress(u"w"_s, {id, 1}, {{u"pages"_s, 1}}, 10).error().code, Error::Code::WrongState);
        const auto beat = store.heartbeat(u"w"_s, {{id, 1}}, 60);
        QCOMPARE(beat->lost, QList<qint64>{id});
        QVERIFY(beat->cancelRequested.isEmpty());
        QCOMPARE(store.job(id)->state, JobState::Active);
        QCOMPARE(store.job(id)->errors.size(), 1);   // the rescue's note only

        QCOMPARE(store.complete(u"w"_s, {{id, 2, {}}})->size(), 1);
        QCOMPARE(store.job(id)->state, JobState::Completed);
    }

    // An engine whose running job was rescued and claimed by another worker
    // stops the handler at its next heartbeat and leaves the row to the
    // new holder.
    void aRunningJobTakenOverIsStoppedAtOnce()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"long"_s}).value();
        auto registry = std::make_shared<HandlerRegistry>();
        registry->add(u"long"_s, [] { return std::make_unique<LongHandler>(); });
        EngineSettings settings;
        settings.connection = m_settings;
        settings.queues = {{u"default"_s, 1}};
        settings.heartbeatIntervalMs = 200;
        handlerSawCancel = false;
        Engine engine(settings, registry);
        engine.start();
        QTRY_VERIFY(handlerRunning.load());
        QVERIFY(takeOver(id, u"other-worker"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!handlerRunning.load(), 3000);
        QVERIFY(handlerSawCancel.load());
        QTest::qWait(300);   // its outcome has been written (and refused) by now
        const Job job = store.job(id).value();
        QCOMPARE(job.state, JobState::Active);
        QCOMPARE(job.lockedBy, u"other-worker"_s);
        QCOMPARE(job.attempts, 2);
        engine.stop(1000);
        QVERIFY(engine.waitForStopped(5000));
        QCOMPARE(store.job(id)->state, JobState::Active);   // the shutdown gave back nothing of the other's
    }
};

QTEST_GUILESS_MAIN(TestLeaseFence)
#include "tst_leasefence.moc"
