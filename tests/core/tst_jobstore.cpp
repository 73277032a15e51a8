#include "db/database.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// Enqueue (one and many), acknowledgements, backoff and bad input.
class TestJobStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_jobstore"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs"_s).ok());
    }

    void enqueueWithEveryOption()
    {
        JobStore store(m_db);
        NewJob parent{.type = u"noop"_s};
        auto parentId = store.enqueue(parent);
        QVERIFY(parentId.ok());

        NewJob job;
        job.queue = u"default"_s;
        job.type = u"http"_s;
        job.payload = QJsonObject{{u"url"_s, u"https://example.com/a"_s}};
        job.priority = 7;
        job.delayMs = 60000;
        job.store = u"shop-1"_s;
        job.maxAttempts = 3;
        job.uniqueKey = u"url:https://example.com/a"_s;
        job.parentId = parentId.value();
        job.createdBy = u"test"_s;
        auto id = store.enqueue(job);
        QVERIFY2(id.ok(), qPrintable(id.error().toString()));

        auto saved = store.job(id.value());
        QVERIFY(saved.ok());
        QCOMPARE(saved->type, u"http"_s);
        QCOMPARE(saved->payload.value(u"url"_s).toString(), u"https://example.com/a"_s);
        QCOMPARE(saved->priority, 7);
        QCOMPARE(saved->state, JobState::Scheduled);
        QVERIFY(saved->runAt > QDateTime::currentDateTimeUtc().addSecs(50));
        QCOMPARE(saved->store, u"shop-1"_s);
        QCOMPARE(saved->maxAttempts, 3);
        QCOMPARE(saved->uniqueKey, job.uniqueKey);
        QCOMPARE(saved->parentId, parentId.value());
        QCOMPARE(saved->createdBy, u"test"_s);

        NewJob atTime{.type = u"noop"_s, .runAt = QDateTime::currentDateTimeUtc().addSecs(3600)};
        auto timed = store.job(store.enqueue(atTime).value());
        QCOMPARE(timed->state, JobState::Scheduled);
        QVERIFY(qAbs(timed->runAt.secsTo(atTime.runAt)) <= 1);

        auto plain = store.job(parentId.value());
        QCOMPARE(plain->state, JobState::Waiting);
        QCOMPARE(plain->maxAttempts, 5);   // the queue's default
    }

    void enqueueRejectsBadInput()
    {
        JobStore store(m_db);
        auto unknown = store.enqueue(NewJob{.queue = u"nope"_s, .type = u"noop"_s});
        QCOMPARE(unknown.error().code, Error::Code::UnknownQueue);

        auto payload = NewJob::parsePayload(u"{\"url\": \"x\",}"_s);
        QCOMPARE(payload.error().code, Error::Code::InvalidPayload);
        QVERIFY(payload.error().message.contains(u"line 1"_s));
        QCOMPARE(NewJob::parsePayload(u"[1,2]"_s).error().code, Error::Code::InvalidPayload);

        QCOMPARE(store.enqueue(NewJob{.type = {}}).error().code, Error::Code::InvalidArgument);
        QCOMPARE(store.enqueue(NewJob{.type = u"x"_s, .maxAttempts = 0}).error().code, Error::Code::InvalidArgument);

        auto first = store.enqueue(NewJob{.type = u"noop"_s, .uniqueKey = u"k1"_s});
        QVERIFY(first.ok());
        auto second = store.enqueue(NewJob{.type = u"noop"_s, .uniqueKey = u"k1"_s});
        QCOMPARE(second.error().code, Error::Code::UniqueConflict);
        QVERIFY2(second.error().message.contains(QString::number(first.value())), qPrintable(second.error().message));
        QCOMPARE(count(), 1);
    }

    void enqueueManyIsAllOrNothing()
    {
        JobStore store(m_db);
        QList<NewJob> jobs;
        for (int i = 0; i < 5000; ++i) {
            NewJob job{.type = u"noop"_s, .payload = QJsonObject{{u"i"_s, i}, {u"text"_s, u"tab\there\\ \"q\"\nnl"_s}},
                       .store = u"s%1"_s.arg(i % 7)};
            if (i % 10 == 0)
                job.delayMs = 3600000;
            jobs.append(job);
        }
        jobs[3].uniqueKey = u"bulk-unique"_s;
        auto added = store.enqueueMany(jobs);
        QVERIFY2(added.ok(), qPrintable(added.error().toString()));
        QCOMPARE(added.value(), 5000);
        QCOMPARE(count(u"state = 'scheduled'"_s), 500);
        QCOMPARE(count(u"store = 's3'"_s), 714);
        auto sample = Database::exec(m_db, u"SELECT payload->>'text' FROM queuedesk.jobs WHERE (payload->>'i')::int = 42"_s);
        QVERIFY(sample.value().next());
        QCOMPARE(sample.value().value(0).toString(), u"tab\there\\ \"q\"\nnl"_s);

        // A conflicting unique key or an unknown queue rolls the whole batch back.
        QList<NewJob> clash{NewJob{.type = u"noop"_s}, NewJob{.type = u"noop"_s, .uniqueKey = u"bulk-unique"_s}};
        auto refused = store.enqueueMany(clash);
        QCOMPARE(refused.error().code, Error::Code::UniqueConflict);
        QVERIFY(refused.error().message.contains(u"bulk-unique"_s));
        QList<NewJob> badQueue{NewJob{.type = u"noop"_s}, NewJob{.queue = u"missing"_s, .type = u"noop"_s}};
        QCOMPARE(store.enqueueMany(badQueue).error().code, Error::Code::UnknownQueue);
        QCOMPARE(count(), 5000);
        // The connection is still usable after a failed COPY.
        QVERIFY(store.enqueue(NewJob{.type = u"noop"_s}).ok());
    }

    void completeAndFailWithBackoff()
    {
        JobStore store(m_db);
        QueueConfig config{.name = u"backoff"_s, .maxAttempts = 3, .backoffBaseMs = 10000, .backoffMaxMs = 25000};
        QVERIFY(QueueStore(m_db).create(config).ok());
        const qint64 id = store.enqueue(NewJob{.queue = u"backoff"_s, .type = u"fail"_s}).value();

        // attempt 1: 10 s, attempt 2: 20 s, each +-10%; attempt 3 is the last.
        const QList<double> expected{10, 20};
        for (int attempt = 1; attempt <= 3; ++attempt) {
            if (attempt > 1)
                QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET run_at = now() WHERE id = ?"_s, {id}).ok());
            auto claimed = store.claim({.queue = u"backoff"_s, .workerId = u"w1"_s, .limit = 10});
            QVERIFY(claimed.ok());
            QCOMPARE(claimed->size(), 1);
            QCOMPARE(claimed->first().attempts, attempt);
            auto outcome = store.fail(u"w1"_s, {{id, attempt, u"boom %1"_s.arg(attempt), false}});
            QVERIFY(outcome.ok());
            QCOMPARE(outcome->size(), 1);
            if (attempt < 3) {
                QCOMPARE(outcome->first().state, JobState::Scheduled);
                const double delay = delaySeconds(id);
                QVERIFY2(delay >= expected[attempt - 1] * 0.9 - 0.5 && delay <= expected[attempt - 1] * 1.1 + 0.5,
                         qPrintable(QString::number(delay)));
            } else {
                QCOMPARE(outcome->first().state, JobState::Failed);
            }
        }
        auto failed = store.job(id);
        QCOMPARE(failed->errors.size(), 3);
        QCOMPARE(failed->errors.at(2).toObject().value(u"message"_s).toString(), u"boom 3"_s);
        QCOMPARE(failed->errors.at(0).toObject().value(u"worker"_s).toString(), u"w1"_s);
        QVERIFY(failed->finishedAt.isValid());
    }

    void backoffIsCapped()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.queue = u"backoff"_s, .type = u"fail"_s, .maxAttempts = 20}).value();
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET attempts = 9 WHERE id = ?"_s, {id}).ok());
        QCOMPARE(store.claim({.queue = u"backoff"_s, .workerId = u"w1"_s, .limit = 1})->size(), 1);
        QVERIFY(store.fail(u"w1"_s, {{id, 10, u"again"_s, false}}).ok());
        const double delay = delaySeconds(id);
        QVERIFY2(delay >= 25 * 0.9 - 0.5 && delay <= 25 * 1.1 + 0.5, qPrintable(QString::number(delay)));
    }

    void permanentFailureSkipsRetries()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"fail"_s}).value();
        QCOMPARE(store.claim({.queue = u"default"_s, .workerId = u"w1"_s})->size(), 1);
        auto outcome = store.fail(u"w1"_s, {{id, 1, u"unknown handler"_s, true}});
        QCOMPARE(outcome->first().state, JobState::Failed);
        QCOMPARE(store.job(id)->attempts, 1);
    }

    void onlyTheOwnerAcknowledges()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"noop"_s}).value();
        QCOMPARE(store.claim({.queue = u"default"_s, .workerId = u"owner"_s})->size(), 1);
        QCOMPARE(store.complete(u"intruder"_s, {{id, 1, {}}})->size(), 0);
        QCOMPARE(store.job(id)->state, JobState::Active);
        auto done = store.complete(u"owner"_s, {{id, 1, QJsonObject{{u"status"_s, 200}}}});
        QCOMPARE(done->size(), 1);
        auto job = store.job(id);
        QCOMPARE(job->state, JobState::Completed);
        QCOMPARE(job->result.value(u"status"_s).toInt(), 200);
        QCOMPARE(store.complete(u"owner"_s, {{id, 1, {}}})->size(), 0);   // not twice
    }

    void heartbeatAndProgress()
    {
        JobStore store(m_db);
        const qint64 id = store.enqueue(NewJob{.type = u"noop"_s}).value();
        auto claimed = store.claim({.queue = u"default"_s, .workerId = u"w"_s, .leaseSeconds = 5});
        const QDateTime lease = claimed->first().leaseUntil;
        QVERIFY(store.reportProgress(u"w"_s, {id, 1}, QJsonObject{{u"pages"_s, 3}}, 30).ok());
        QVERIFY(store.reportProgress(u"w"_s, {id, 1}, QJsonObject{{u"businesses_found"_s, 12}}, 60).ok());
        QCOMPARE(store.reportProgress(u"other"_s, {id, 1}, {}, 10).error().code, Error::Code::WrongState);
        QCOMPARE(store.reportProgress(u"w"_s, {id, 2}, {}, 10).error().code, Error::Code::WrongState);
        QCOMPARE(store.reportProgress(u"w"_s, {id, 1}, {}, 120).error().code, Error::Code::InvalidArgument);
        auto job = store.job(id);
        QCOMPARE(job->progress.value(u"pages"_s).toInt(), 3);
        QCOMPARE(job->progress.value(u"businesses_found"_s).toInt(), 12);
        QCOMPARE(job->progressPercent, 60.0);

        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET cancel_requested = true WHERE id = ?"_s, {id}).ok());
        auto beat = store.heartbeat(u"w"_s, {{id, 1}}, 300);
        QCOMPARE(beat->cancelRequested, QList<qint64>{id});
        QVERIFY(beat->lost.isEmpty());
        QVERIFY(store.job(id)->leaseUntil > lease.addSecs(200));
        QCOMPARE(store.markCancelled(u"w"_s, {{id, 1}})->size(), 1);
        QCOMPARE(store.job(id)->state, JobState::Cancelled);
    }

    void lostConnectionIsReported()
    {
        QSqlDatabase victim = TestDatabase::connect(m_settings, u"victim"_s);
        JobStore store(victim);
        auto pid = Database::exec(victim, u"SELECT pg_backend_pid()"_s);
        QVERIFY(pid.value().next());
        QVERIFY(Database::exec(m_db, u"SELECT pg_terminate_backend(?)"_s, {pid.value().value(0).toInt()}).ok());
        QTRY_VERIFY(Database::exec(m_db, u"SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = ?"_s,
                                   {pid.value().value(0).toInt()}).value().next());
        auto lost = store.enqueue(NewJob{.type = u"noop"_s});
        QVERIFY(!lost.ok());
        QCOMPARE(lost.error().code, Error::Code::ConnectionLost);
        auto bulk = store.enqueueMany({NewJob{.type = u"noop"_s}});
        QVERIFY(!bulk.ok());
        QCOMPARE(count(), 0);
    }

private:
    qint64 count(const QString &where = u"true"_s)
    {
        return TestDatabase::scalar(m_db, u"SELECT count(*) FROM queuedesk.jobs WHERE "_s + where);
    }

    double delaySeconds(qint64 id)
    {
        auto q = Database::exec(m_db, u"SELECT extract(epoch FROM run_at - now()) FROM queuedesk.jobs WHERE id = ?"_s, {id});
        return q && q.value().next() ? q.value().value(0).toDouble() : -1;
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestJobStore)
#include "tst_jobstore.moc"
