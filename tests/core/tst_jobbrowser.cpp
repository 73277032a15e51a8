#include "db/database.h"
#include "queue/jobbrowserstore.h"
#include "queue/queuestore.h"
#include "testdatabase.h"

#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The jobs browser's paging: every sort, both directions, walks every match
// exactly once and in order through keyset cursors; and on a table big
// enough for the planner to care, each sort and the selective filters seek
// an index instead of sorting or scanning the table.
class TestJobBrowser : public QObject
{
    Q_OBJECT

    using Sort = JobBrowserStore::Sort;

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_jobbrowser"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_db = TestDatabase::connect(settings.value(), u"main"_s);
        QVERIFY(QueueStore(m_db).create(QueueConfig{u"q1"_s}).ok());
        // 600 jobs with many ties in every key: priorities -2..2, five
        // run-at instants, runtimes of 0..6 s and unfinished ones (-1).
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, store, payload, priority, state, run_at, "
                     u"                            started_at, finished_at) "
                     u"SELECT CASE WHEN g % 2 = 0 THEN 'default' ELSE 'q1' END, 't', 's' || (g % 7), "
                     u"       jsonb_build_object('url', 'https://example.com/' || (g % 50)), g % 5 - 2, "
                     u"       CASE WHEN g % 3 = 0 THEN 'waiting' ELSE 'completed' END, "
                     u"       '2026-01-01'::timestamptz + make_interval(mins => g % 5), "
                     u"       CASE WHEN g % 3 <> 0 THEN '2026-01-01'::timestamptz END, "
                     u"       CASE WHEN g % 3 <> 0 THEN '2026-01-01'::timestamptz + make_interval(secs => g % 7) END "
                     u"  FROM generate_series(1, 600) g"_s));
    }

    void walksEveryMatchOnceInOrder_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("store");
        for (Sort sort : {Sort::Id, Sort::Created, Sort::Priority, Sort::RunAt, Sort::Finished, Sort::Runtime}) {
            for (bool descending : {false, true}) {
                const QString name = JobBrowserStore::sortName(sort) + (descending ? u" desc"_s : u" asc"_s);
                QTest::newRow(qPrintable(name)) << int(sort) << descending << QString();
                QTest::newRow(qPrintable(name + u", store s3"_s)) << int(sort) << descending << u"s3"_s;
            }
        }
    }

    void walksEveryMatchOnceInOrder()
    {
        QFETCH(int, sort);
        QFETCH(bool, descending);
        QFETCH(QString, store);
        JobBrowserStore::Query query;
        query.sort = Sort(sort);
        query.descending = descending;
        if (!store.isEmpty())
            query.filter.store = store;
        const QList<std::pair<double, qint64>> expected = expectedOrder(query);
        QVERIFY(expected.size() > 50);

        JobBrowserStore browser(m_db);
        QList<std::pair<double, qint64>> walked;
        JobBrowserStore::Cursor cursor;
        for (int pages = 0; pages < 1000; ++pages) {
            auto page = browser.page(query, cursor, 23);   // a size that splits runs of ties
            QVERIFY2(page.ok(), qPrintable(page.error().toString()));
            for (const Job &job : page.value().jobs)
                walked.append({keyOf(query.sort, job), job.id});
            cursor = page.value().last;
            if (page.value().atEnd)
                break;
        }
        QCOMPARE(walked, expected);
    }

    void filtersMatch()
    {
        JobBrowserStore browser(m_db);
        JobBrowserStore::Query query;
        query.filter.payloadEquals = {{u"url"_s, u"https://example.com/7"_s}};
        auto page = browser.page(query, {}, 100);
        QVERIFY(page.ok());
        QCOMPARE(page.value().jobs.size(), 12);   // g % 50 == 7 among 600
        for (const Job &job : page.value().jobs)
            QCOMPARE(job.payload.value(u"url"_s).toString(), u"https://example.com/7"_s);
        auto count = browser.count(query);
        QVERIFY(count.ok());
        QCOMPARE(count.value().value, 12);
        QVERIFY(count.value().exact);
    }

    // On a bigger table, with statistics: no sort node and no sequential
    // scan for the first or next page of each sort over the jobs it is
    // indexed for (004_browse.sql), nor for a store or a payload search.
    void plansSeekAnIndex()
    {
        QVERIFY(exec(u"INSERT INTO queuedesk.jobs (queue, type, store, payload, priority, state, started_at, finished_at) "
                     u"SELECT 'default', 't', 's' || (g % 1000), jsonb_build_object('url', 'https://x/' || g), g % 9, "
                     u"       (ARRAY['completed', 'waiting', 'scheduled', 'failed'])[g % 4 + 1], "
                     u"       now() - interval '1 minute', now() "
                     u"  FROM generate_series(1, 200000) g"_s));
        QVERIFY(exec(u"VACUUM ANALYZE queuedesk.jobs"_s));
        JobBrowserStore browser(m_db);
        QList<JobBrowserStore::Query> queries;
        const QList<std::pair<Sort, QList<JobState>>> sorts = {
            {Sort::Id, {}}, {Sort::Created, {}}, {Sort::Priority, {JobState::Waiting}},
            {Sort::RunAt, {JobState::Scheduled}}, {Sort::Finished, {}},
            {Sort::Runtime, {JobState::Completed, JobState::Failed}}};
        for (const auto &[sort, states] : sorts) {
            for (bool descending : {false, true}) {
                JobBrowserStore::Query query;
                query.sort = sort;
                query.filter.states = states;
                query.descending = descending;
                queries.append(query);
            }
        }
        JobBrowserStore::Query byStore;
        byStore.filter.store = u"s42"_s;
        JobBrowserStore::Query byPayload;
        byPayload.filter.payloadEquals = {{u"url"_s, u"https://x/4242"_s}};
        JobBrowserStore::Query finishedRange;
        finishedRange.sort = Sort::Finished;
        finishedRange.filter.finishedAfter = QDateTime::currentDateTimeUtc().addSecs(-3600);
        finishedRange.filter.finishedBefore = QDateTime::currentDateTimeUtc().addSecs(-30);
        queries << byStore << byPayload << finishedRange;
        for (const JobBrowserStore::Query &query : queries) {
            auto first = browser.page(query, {}, 200);
            QVERIFY(first.ok());
            for (const JobBrowserStore::Cursor &cursor : {JobBrowserStore::Cursor{}, first.value().last}) {
                auto plan = browser.explainPage(query, cursor, 200);
                QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
                const QString what = JobBrowserStore::sortName(query.sort) + u":\n"_s + plan.value();
                QVERIFY2(!plan.value().contains(u"Seq Scan"_s), qPrintable(what));
                QVERIFY2(!plan.value().contains(u"Sort Key"_s) || query.filter.store || !query.filter.payloadEquals.isEmpty(),
                         qPrintable(what));
            }
        }
    }

private:
    bool exec(const QString &sql)
    {
        auto result = Database::exec(m_db, sql);
        if (!result)
            qWarning() << result.error().toString();
        return result.ok();
    }

    static double keyOf(Sort sort, const Job &job)
    {
        switch (sort) {
        case Sort::Id:
        case Sort::Created: return double(job.id);
        case Sort::Priority: return job.priority;
        case Sort::RunAt: return double(job.runAt.toSecsSinceEpoch());
        case Sort::Finished: return double(job.finishedAt.toMSecsSinceEpoch());
        case Sort::Runtime:
            return job.finishedAt.isValid() ? job.startedAt.msecsTo(job.finishedAt) / 1000.0 : -1.0;
        }
        return 0;
    }

    // The order the walk must produce, computed here from every row.
    QList<std::pair<double, qint64>> expectedOrder(const JobBrowserStore::Query &query)
    {
        JobBrowserStore browser(m_db);
        QList<std::pair<double, qint64>> rows;
        JobBrowserStore::Query byId = query;
        byId.sort = Sort::Id;
        byId.descending = false;
        auto all = browser.page(byId, {}, 100000);
        if (!all)
            return rows;
        for (const Job &job : all.value().jobs) {
            if (query.sort != Sort::Finished || job.finishedAt.isValid())   // finished jobs only
                rows.append({keyOf(query.sort, job), job.id});
        }
        std::sort(rows.begin(), rows.end());
        if (query.descending)
            std::reverse(rows.begin(), rows.end());
        return rows;
    }

    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestJobBrowser)
#include "tst_jobbrowser.moc"
