#include "db/database.h"
#include "queue/jobactionstore.h"
#include "queue/queuestore.h"
#include "testdatabase.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// Operator actions on jobs: one at a time with refusals that change nothing,
// over filters in chunks with exact counts, clean and retention.
class TestJobActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_jobactions"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
        m_listener = TestDatabase::connect(settings.value(), u"listener"_s);
        QVERIFY(m_listener.driver()->subscribeToNotification(u"queuedesk_jobs"_s));
        connect(m_listener.driver(), &QSqlDriver::notification, this,
                [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                    m_notified.append(payload.toString());
                });
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs; DELETE FROM queuedesk.queues WHERE name <> 'default'"_s).ok());
        for (const QString &name : {u"acts"_s, u"other"_s}) {
            QueueConfig config;
            config.name = name;
            QVERIFY(QueueStore(m_db).create(config).ok());
        }
        m_notified.clear();
        m_base.clear();
    }

    void summaryReadsLikeASentence()
    {
        BulkOutcome outcome;
        outcome.verb = u"requeued"_s;
        outcome.changed = 312000;
        outcome.skip(u"running"_s, 3);
        QCOMPARE(outcome.summary(), u"312,000 requeued, 3 skipped: running"_s);
        outcome.skip(u"not found"_s, 2);
        outcome.stopped = true;
        QCOMPARE(outcome.summary(), u"312,000 requeued, 5 skipped: 2 not found, 3 running (stopped early)"_s);
    }

    void cancelOne()
    {
        JobActionStore store(m_db);
        const qint64 waiting = add(u"waiting"_s), scheduled = add(u"scheduled"_s), active = add(u"active"_s);
        const qint64 completed = add(u"completed"_s);
        QVERIFY(store.cancel(waiting).ok());
        QVERIFY(store.cancel(scheduled).ok());
        QCOMPARE(number(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'cancelled' AND finished_at IS NOT NULL"_s), 2);
        QVERIFY(store.cancel(active).ok());
        QCOMPARE(text(u"SELECT state || ' ' || cancel_requested FROM queuedesk.jobs WHERE id = ?"_s, {active}), u"active true"_s);
        expectRefusal([&] { return store.cancel(completed); }, completed, u"already finished"_s);
        QCOMPARE(store.cancel(987654).error().code, Error::Code::NotFound);
    }

    void retryOne()
    {
        JobActionStore store(m_db);
        const qint64 failed = add(u"failed"_s);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET cancel_requested = true WHERE id = ?"_s, {failed}).ok());
        const qint64 seqBefore = value(u"SELECT ready_seq FROM queuedesk.jobs WHERE id = ?"_s, {failed}).toLongLong();
        QVERIFY(store.retry(failed).ok());
        QCOMPARE(text(u"SELECT concat_ws(' ', state, attempts, max_attempts, finished_at IS NULL, locked_by IS NULL, "
                       u"lease_until IS NULL, cancel_requested, run_at <= now(), ready_seq > ?) "
                       u"FROM queuedesk.jobs WHERE id = ?"_s, {seqBefore, failed}),
                 u"waiting 3 4 t t t f t t"_s);
        QTRY_COMPARE(m_notified, QStringList{u"acts"_s});

        const qint64 cancelled = add(u"cancelled"_s), scheduled = add(u"scheduled"_s);
        QVERIFY(store.retry(cancelled).ok());
        QVERIFY(store.retry(scheduled).ok());
        QCOMPARE(number(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting' AND run_at <= now()"_s), 3);

        const qint64 active = add(u"active"_s), completed = add(u"completed"_s), waiting = add(u"waiting"_s);
        expectRefusal([&] { return store.retry(active); }, active, u"is running; cancel it first"_s);
        expectRefusal([&] { return store.retry(completed); }, completed, u"requeue it"_s);
        expectRefusal([&] { return store.retry(waiting); }, waiting, u"already waiting"_s);
        QCOMPARE(store.retry(987654).error().code, Error::Code::NotFound);
    }

    void retryKeepsUniqueKeysUnique()
    {
        JobActionStore store(m_db);
        const qint64 failed = add(u"failed"_s);
        const qint64 holder = add(u"waiting"_s);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET unique_key = 'k1' WHERE id IN (?, ?)"_s, {failed, holder}).ok());
        expectRefusal([&] { return store.retry(failed); }, failed, u"unique key"_s);

        // Two failed jobs with one key in one filter: the newer gets it.
        const qint64 older = add(u"failed"_s), newer = add(u"failed"_s);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET unique_key = 'k2' WHERE id IN (?, ?)"_s, {older, newer}).ok());
        JobFilter filter;
        filter.ids = {older, newer};
        auto outcome = store.retry(filter);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->changed, 1);
        QCOMPARE(outcome->skipped, (QMap<QString, qint64>{{u"unique key held"_s, 1}}));
        QCOMPARE(stateOf(newer), u"waiting"_s);
        QCOMPARE(stateOf(older), u"failed"_s);
    }

    void requeueOne()
    {
        JobActionStore store(m_db);
        const qint64 completed = add(u"completed"_s);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET store = 's1', payload = '{\"a\": 1}', priority = 7, "
                                     u"parent_id = 5 WHERE id = ?"_s, {completed}).ok());
        const QString original = rowOf(completed);
        auto clone = store.requeue(completed);
        QVERIFY2(clone.ok(), qPrintable(clone.error().toString()));
        QVERIFY(clone.value() > completed);
        QCOMPARE(rowOf(completed), original);
        QCOMPARE(text(u"SELECT concat_ws('|', queue, type, store, payload::text, priority, max_attempts, state, "
                       u"attempts, coalesce(parent_id, 0), created_by) FROM queuedesk.jobs WHERE id = ?"_s, {clone.value()}),
                 u"acts|test|s1|{\"a\": 1}|7|3|waiting|0|0|requeue of %1"_s.arg(completed));

        const qint64 failed = add(u"failed"_s);
        QCOMPARE(store.requeue(failed).value(), failed);
        QCOMPARE(stateOf(failed), u"waiting"_s);
        const qint64 active = add(u"active"_s);
        expectRefusal([&] { return store.requeue(active); }, active, u"running"_s);
    }

    void removeOne()
    {
        JobActionStore store(m_db);
        for (const QString &state : {u"waiting"_s, u"scheduled"_s, u"completed"_s, u"failed"_s, u"cancelled"_s}) {
            const qint64 id = add(state);
            QVERIFY(store.remove(id).ok());
            QCOMPARE(number(u"SELECT count(*) FROM queuedesk.jobs WHERE id = ?"_s, {id}), 0);
        }
        const qint64 active = add(u"active"_s);
        expectRefusal([&] { return store.remove(active); }, active, u"running; cancel it first"_s);
        QCOMPARE(store.remove(987654).error().code, Error::Code::NotFound);
    }

    void setPriorityOne()
    {
        JobActionStore store(m_db);
        const qint64 waiting = add(u"waiting"_s), scheduled = add(u"scheduled"_s);
        const qint64 seq = value(u"SELECT ready_seq FROM queuedesk.jobs WHERE id = ?"_s, {waiting}).toLongLong();
        QVERIFY(store.setPriority(waiting, 9).ok());
        QVERIFY(store.setPriority(scheduled, -2).ok());
        QCOMPARE(number(u"SELECT priority FROM queuedesk.jobs WHERE id = ? AND ready_seq > ?"_s, {waiting, seq}), 9);
        QCOMPARE(text(u"SELECT priority || state FROM queuedesk.jobs WHERE id = ?"_s, {scheduled}), u"-2scheduled"_s);
        const qint64 active = add(u"active"_s), failed = add(u"failed"_s);
        expectRefusal([&] { return store.setPriority(active, 3); }, active, u"already running"_s);
        expectRefusal([&] { return store.setPriority(failed, 3); }, failed, u"has finished"_s);
    }

    void runNowOne()
    {
        JobActionStore store(m_db);
        const qint64 scheduled = add(u"scheduled"_s), waiting = add(u"waiting"_s);
        QVERIFY(store.runNow(scheduled).ok());
        QCOMPARE(text(u"SELECT state || (run_at <= now()) FROM queuedesk.jobs WHERE id = ?"_s, {scheduled}), u"waitingtrue"_s);
        const QString before = rowOf(waiting);
        QVERIFY(store.runNow(waiting).ok());
        QCOMPARE(rowOf(waiting), before);
        const qint64 active = add(u"active"_s), completed = add(u"completed"_s);
        expectRefusal([&] { return store.runNow(active); }, active, u"already running"_s);
        expectRefusal([&] { return store.runNow(completed); }, completed, u"retry or requeue"_s);
    }

    void bulkRetrySkipsRunningJobsWithExactCounts()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, state, attempts, max_attempts, finished_at, errors) "
                                     u"SELECT 'acts', 'bulk', 'failed', 3, 3, now(), '[{\"message\": \"boom\"}]' "
                                     u"FROM generate_series(1, 25000)"_s).ok());
        for (int i = 0; i < 3; ++i)
            add(u"active"_s);
        add(u"failed"_s, u"other"_s);
        const QString activeRows = value(u"SELECT string_agg(row_to_json(j)::text, '' ORDER BY id) FROM queuedesk.jobs j "
                                         u"WHERE state = 'active'"_s).toString();
        JobActionStore store(m_db);
        QList<qint64> progress;
        JobFilter filter;
        filter.queues = {u"acts"_s};
        filter.states = {JobState::Failed, JobState::Active};
        auto outcome = store.retry(filter, [&](qint64 done) { progress.append(done); return true; });
        QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->changed, 25000);
        QCOMPARE(outcome->skipped, (QMap<QString, qint64>{{u"running"_s, 3}}));
        QCOMPARE(outcome->summary(), u"25,000 retried, 3 skipped: running"_s);
        QCOMPARE(progress, (QList<qint64>{10000, 20000, 25003}));
        QCOMPARE(number(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'waiting' AND queue = 'acts' "
                       u"AND max_attempts = 4 AND finished_at IS NULL"_s), 25000);
        QCOMPARE(number(u"SELECT count(DISTINCT ready_seq) FROM queuedesk.jobs WHERE state = 'waiting'"_s), 25000);
        QCOMPARE(text(u"SELECT string_agg(row_to_json(j)::text, '' ORDER BY id) FROM queuedesk.jobs j "
                       u"WHERE state = 'active'"_s), activeRows);
        QCOMPARE(text(u"SELECT state FROM queuedesk.jobs WHERE queue = 'other'"_s), u"failed"_s);
        QTRY_VERIFY(m_notified.contains(u"acts"_s));
        QVERIFY(!m_notified.contains(u"other"_s));
    }

    void bulkStopsWhenProgressSaysSo()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, state, finished_at) "
                                     u"SELECT 'acts', 'bulk', 'failed', now() FROM generate_series(1, 250)"_s).ok());
        JobActionStore store(m_db);
        store.setChunkSize(100);
        auto outcome = store.retryAllFailed({}, [](qint64) { return false; });
        QVERIFY(outcome.ok());
        QCOMPARE(outcome->changed, 100);
        QVERIFY(outcome->stopped);
        QCOMPARE(number(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s), 150);
    }

    void bulkCountsEveryReason()
    {
        JobActionStore store(m_db);
        store.setChunkSize(2);   // several chunks even for a handful
        QList<qint64> ids;
        for (const QString &state : {u"waiting"_s, u"scheduled"_s, u"active"_s, u"completed"_s, u"failed"_s})
            ids.append(add(state));
        JobFilter filter;
        filter.ids = ids + QList<qint64>{987654, 987655};
        auto cancelled = store.cancel(filter);
        QVERIFY(cancelled.ok());
        QCOMPARE(cancelled->summary(), u"2 cancelled, 1 running asked to stop, 4 skipped: 2 already finished, 2 not found"_s);
        auto requeued = store.requeue(JobFilter{.queues = {u"acts"_s}});
        QVERIFY(requeued.ok());
        // 2 cancelled and 1 failed wait again, the completed one is cloned;
        // the clone is not met again.
        QCOMPARE(requeued->summary(), u"4 requeued, 1 skipped: running"_s);
        QCOMPARE(number(u"SELECT count(*) FROM queuedesk.jobs"_s), 6);
        auto removed = store.remove(JobFilter{.states = {JobState::Waiting}});
        QCOMPARE(removed->summary(), u"4 deleted"_s);
        auto priority = store.setPriority(JobFilter{.queues = {u"acts"_s}}, 5);
        QCOMPARE(priority->summary(), u"0 reprioritised, 2 skipped: 1 already running, 1 finished"_s);
        QCOMPARE(store.runNow(JobFilter{.queues = {u"acts"_s}})->skippedTotal(), 2);
    }

    void filtersSelectExactly_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("expected");
        const QStringList names{u"type"_s, u"no store"_s, u"store"_s, u"error"_s, u"error with %"_s, u"payload"_s,
                                u"payload two keys"_s, u"created after"_s, u"created before"_s, u"finished after"_s,
                                u"finished before"_s, u"ids"_s, u"state"_s, u"queue only"_s};
        const QStringList expected{u"AB"_s, u"B"_s, u"AC"_s, u"A"_s, u"A"_s, u"AC"_s, u"C"_s, u"BC"_s, u"A"_s,
                                   u"BC"_s, u"A"_s, u"AC"_s, u""_s, u"ABC"_s};
        for (int i = 0; i < names.size(); ++i)
            QTest::newRow(qPrintable(names.at(i))) << i << expected.at(i);
    }

    void filtersSelectExactly()
    {
        QFETCH(int, which);
        QFETCH(QString, expected);
        const qint64 a = add(u"failed"_s), b = add(u"failed"_s), c = add(u"failed"_s);
        add(u"failed"_s, u"other"_s);
        QVERIFY(Database::exec(m_db, uR"(
            UPDATE queuedesk.jobs SET type = 'mail', store = 's1', payload = '{"shop": "a", "n": 1}',
                   errors = '[{"message": "Timeout talking to a 100% busy host"}]',
                   created_at = now() - interval '2 days', finished_at = now() - interval '2 days' WHERE id = ?)"_s,
                               {a}).ok());
        QVERIFY(Database::exec(m_db, uR"(
            UPDATE queuedesk.jobs SET type = 'mail', payload = '{"shop": "b"}',
                   errors = '[{"message": "timeout"}, {"message": "refused"}]',
                   created_at = now() - interval '1 hour', finished_at = now() - interval '1 hour' WHERE id = ?)"_s,
                               {b}).ok());
        QVERIFY(Database::exec(m_db, uR"(
            UPDATE queuedesk.jobs SET type = 'scrape', store = 's1', payload = '{"shop": "a", "n": 2}', errors = NULL
             WHERE id = ?)"_s, {c}).ok());
        const QDateTime threeHoursAgo = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
        JobFilter filter;
        filter.queues = {u"acts"_s};
        switch (which) {
        case 0: filter.type = u"mail"_s; break;
        case 1: filter.store = QString(); break;
        case 2: filter.store = u"s1"_s; break;
        case 3: filter.errorContains = u"TIMEOUT"_s; break;
        case 4: filter.errorContains = u"100% busy"_s; break;
        case 5: filter.payloadEquals = {{u"shop"_s, u"a"_s}}; break;
        case 6: filter.payloadEquals = {{u"shop"_s, u"a"_s}, {u"n"_s, 2}}; break;
        case 7: filter.createdAfter = threeHoursAgo; break;
        case 8: filter.createdBefore = threeHoursAgo; break;
        case 9: filter.finishedAfter = threeHoursAgo; break;
        case 10: filter.finishedBefore = threeHoursAgo; break;
        case 11: filter.ids = {a, c}; break;
        case 12: filter.states = {JobState::Completed}; break;
        default: break;
        }
        auto removed = JobActionStore(m_db).remove(filter);
        QVERIFY2(removed.ok(), qPrintable(removed.error().toString()));
        QString gone;
        for (auto [id, letter] : {std::pair{a, u'A'}, std::pair{b, u'B'}, std::pair{c, u'C'}}) {
            if (number(u"SELECT count(*) FROM queuedesk.jobs WHERE id = ?"_s, {id}) == 0)
                gone += letter;
        }
        QCOMPARE(gone, expected);
        QCOMPARE(removed->changed, expected.size());
        QCOMPARE(number(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'other'"_s), 1);
    }

    void unknownQueuesAreRefused()
    {
        JobActionStore store(m_db);
        QCOMPARE(store.retry(JobFilter{.queues = {u"acts"_s, u"nope"_s}}).error().code, Error::Code::UnknownQueue);
        QCOMPARE(store.clean(u"nope"_s, JobState::Completed, 0).error().code, Error::Code::UnknownQueue);
        QCOMPARE(store.applyRetention(u"nope"_s).error().code, Error::Code::UnknownQueue);
    }

    void cleanDeletesOnlyOldJobsOfTheState()
    {
        JobActionStore store(m_db);
        store.setChunkSize(2);
        QList<qint64> completed;
        for (int hours : {1, 30, 50, 70, 90})
            completed.append(finishedAgo(u"completed"_s, hours * 3600));
        const qint64 oldFailed = finishedAgo(u"failed"_s, 90 * 3600);
        const qint64 otherQueue = finishedAgo(u"completed"_s, 90 * 3600, u"other"_s);
        auto cleaned = store.clean(u"acts"_s, JobState::Completed, 86400);
        QVERIFY2(cleaned.ok(), qPrintable(cleaned.error().toString()));
        QCOMPARE(cleaned.value(), 4);
        QCOMPARE(survivors(), (QList<qint64>{completed.first(), oldFailed, otherQueue}));
        QCOMPARE(store.clean(u"acts"_s, JobState::Waiting, 0).error().code, Error::Code::InvalidArgument);
        QCOMPARE(store.clean(u"acts"_s, JobState::Active, 0).error().code, Error::Code::InvalidArgument);
    }

    void retentionKeepsWhicheverIsGreater()
    {
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.queues SET keep_completed = 5, keep_completed_age = '1 day', "
                                     u"keep_failed = 8, keep_failed_age = '1 hour' WHERE name = 'acts'"_s).ok());
        // Completed every 2 h: the newest 5 stay anyway, and so does
        // everything younger than a day (the newest 11).
        QList<qint64> completed, failed, cancelled;
        for (int i = 1; i <= 20; ++i)
            completed.append(finishedAgo(u"completed"_s, i * 7200 + 60));
        // Failed ones are all older than an hour: the newest 8 stay. The 8th
        // and 9th newest finished at the same instant; the higher id is newer.
        for (int i = 1; i <= 12; ++i)
            failed.append(finishedAgo(u"failed"_s, i == 9 ? 8 * 7200 : i * 7200));
        for (int i = 1; i <= 10; ++i)
            cancelled.append(finishedAgo(u"cancelled"_s, i * 7200));
        const qint64 waiting = add(u"waiting"_s);
        const qint64 other = finishedAgo(u"completed"_s, 900000, u"other"_s);
        JobActionStore store(m_db);
        store.setChunkSize(3);
        auto deleted = store.applyRetention(u"acts"_s);
        QVERIFY2(deleted.ok(), qPrintable(deleted.error().toString()));
        QCOMPARE(deleted.value(), 9 + 4 + 2);
        QList<qint64> expected = completed.mid(0, 11);
        expected += failed.mid(0, 7);
        expected += failed.at(8);   // the tie: id order breaks it
        expected += cancelled.mid(0, 8);
        expected += {waiting, other};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(survivors(), expected);
        QCOMPARE(store.applyRetention(u"acts"_s).value(), 0);
    }

private:
    QVariant value(const QString &sql, const QVariantList &binds = {})
    {
        auto query = Database::exec(m_db, sql, binds);
        if (!query) {
            qWarning("%s", qPrintable(query.error().toString()));
            return {};
        }
        return query.value().next() ? query.value().value(0) : QVariant();
    }

    qint64 number(const QString &sql, const QVariantList &binds = {}) { return value(sql, binds).toLongLong(); }
    QString text(const QString &sql, const QVariantList &binds = {}) { return value(sql, binds).toString(); }

    // A job as the engine would leave it in that state.
    qint64 add(const QString &state, const QString &queue = u"acts"_s)
    {
        return value(uR"(
            INSERT INTO queuedesk.jobs (queue, type, state, run_at, attempts, max_attempts, locked_by, lease_until,
                                        started_at, finished_at, errors)
            SELECT ?, 'test', s, now() + CASE WHEN s = 'scheduled' THEN interval '1 hour' ELSE '0' END,
                   CASE WHEN s IN ('waiting', 'scheduled') THEN 0 ELSE 3 END, 3,
                   CASE WHEN s = 'active' THEN 'w1' END, CASE WHEN s = 'active' THEN now() + interval '1 minute' END,
                   CASE WHEN s NOT IN ('waiting', 'scheduled') THEN now() END,
                   CASE WHEN s IN ('completed', 'failed', 'cancelled') THEN now() END,
                   CASE WHEN s = 'failed' THEN '[{"message": "boom"}]'::jsonb END
              FROM (SELECT ?::text AS s) x RETURNING id)"_s, {queue, state}).toLongLong();
    }

    qint64 finishedAgo(const QString &state, qint64 seconds, const QString &queue = u"acts"_s)
    {
        const qint64 id = add(state, queue);
        // From one base instant, so equal ages give equal timestamps.
        if (m_base.isEmpty())
            m_base = text(u"SELECT date_trunc('second', now())::text"_s);
        auto set = Database::exec(m_db, u"UPDATE queuedesk.jobs SET finished_at = ?::timestamptz - make_interval(secs => ?) "
                                        u"WHERE id = ?"_s, {m_base, seconds, id});
        if (!set)
            qWarning("%s", qPrintable(set.error().toString()));
        return id;
    }

    QString rowOf(qint64 id) { return value(u"SELECT row_to_json(j)::text FROM queuedesk.jobs j WHERE id = ?"_s, {id}).toString(); }
    QString stateOf(qint64 id) { return value(u"SELECT state FROM queuedesk.jobs WHERE id = ?"_s, {id}).toString(); }

    QList<qint64> survivors()
    {
        auto ids = Database::exec(m_db, u"SELECT id FROM queuedesk.jobs ORDER BY id"_s);
        QList<qint64> out;
        while (ids && ids.value().next())
            out.append(ids.value().value(0).toLongLong());
        return out;
    }

    // The refusal names the job and the reason, and the row stays as it was.
    template<typename Action>
    void expectRefusal(Action action, qint64 id, const QString &words)
    {
        const QString before = value(u"SELECT string_agg(row_to_json(j)::text, '' ORDER BY id) FROM queuedesk.jobs j"_s).toString();
        const auto result = action();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::WrongState);
        QVERIFY2(result.error().message.contains(words), qPrintable(result.error().message));
        if (id)
            QVERIFY2(result.error().message.startsWith(u"Job %1 "_s.arg(id)), qPrintable(result.error().message));
        QCOMPARE(text(u"SELECT string_agg(row_to_json(j)::text, '' ORDER BY id) FROM queuedesk.jobs j"_s), before);
    }

    QSqlDatabase m_db;
    QSqlDatabase m_listener;
    QStringList m_notified;
    QString m_base;
};

QTEST_GUILESS_MAIN(TestJobActions)
#include "tst_jobactions.moc"
