#include "db/database.h"
#include "jobs/bulkactionrunner.h"
#include "jobs/csvjsonexporter.h"
#include "jobs/jobclonedialog.h"
#include "jobs/jobdetaildialog.h"
#include "jobs/jobfilterbar.h"
#include "jobs/jobsmodel.h"
#include "jobs/jobspage.h"
#include "queue/jobbrowserstore.h"
#include "queue/waitexplainer.h"
#include "store/storeclient.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The jobs browser against a real database: keyset paging, filters, every
// action single and bulk (checked in the database), clone and export.
class TestJobsBrowser : public QObject
{
    Q_OBJECT

private:
    ConnectionSettings m_settings;
    QSqlDatabase m_db;
    StoreClient *m_client = nullptr;

    qint64 scalar(const QString &sql)
    {
        auto q = Database::exec(m_db, sql);
        if (!q || !q.value().next())
            return -1;
        return q.value().value(0).toLongLong();
    }

    // Tests that pick their ids move the identity past them, so later jobs
    // still get higher ids (bulk actions rely on that).
    bool exec(const QString &sql)
    {
        return Database::execScript(m_db, sql + u";\nSELECT setval(pg_get_serial_sequence('queuedesk.jobs', 'id'), "
                                                u"greatest((SELECT max(id) FROM queuedesk.jobs), 1));"_s).ok();
    }

    // A page showing one queue's jobs, oldest id first, with its model under test.
    std::unique_ptr<JobsPage> pageFor(const QString &queue)
    {
        auto page = std::make_unique<JobsPage>(m_client);
        page->filterBar()->setValues({{u"queue"_s, queue}, {u"descending"_s, false}});
        page->filterBar()->apply();
        page->runner()->setConfirm([](const QString &) { return true; });
        return page;
    }

    // Many ties in every sort key, so the id tie-break is what keeps pages apart.
    bool seedPaging()
    {
        if (scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'paging'"_s) > 0)
            return true;
        return exec(uR"(
                INSERT INTO queuedesk.queues (name) VALUES ('paging');
                INSERT INTO queuedesk.jobs (queue, type, priority, created_at, run_at, started_at, finished_at, state)
                SELECT 'paging', 'noop', g % 5, now() - make_interval(mins => g % 37),
                       now() + make_interval(secs => g % 11),
                       CASE WHEN g % 3 = 0 THEN now() - interval '1 hour' END,
                       CASE WHEN g % 3 = 0 THEN now() - interval '1 hour' + make_interval(secs => g % 7) END,
                       CASE WHEN g % 3 = 0 THEN 'completed' ELSE 'waiting' END
                  FROM generate_series(1, 1000) g;)"_s);
    }

    static bool loadAll(JobsModel *model)
    {
        return QTest::qWaitFor([model] {
            if (model->canFetchMore({}))
                model->fetchMore({});
            return model->atEnd() && !model->isFetching();
        }, 20000);
    }

    static QList<qint64> idsOf(const JobsModel *model)
    {
        QList<qint64> ids;
        for (int row = 0; row < model->rowCount(); ++row)
            ids.append(model->job(row).id);
        return ids;
    }

    QString summaryOf(JobsPage *page, JobsPage::Action action, bool all, int priority = 0)
    {
        QSignalSpy done(page, &JobsPage::actionFinished);
        page->runAction(action, all, priority);
        if (!done.wait(20000))
            return u"(no answer)"_s;
        return done.constFirst().constFirst().toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"QueueDeskTest"_s);
        QCoreApplication::setApplicationName(u"tst_jobsbrowser"_s);
        QSettings().clear();
        auto settings = TestDatabase::create(u"qdtest_jobsbrowser"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        m_client = new StoreClient(this);
        m_client->connectTo(m_settings);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), StoreClient::ConnectionState::Connected, 20000);
    }

    void pagingNeverRepeatsOrSkips_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("orderBy");
        for (bool desc : {false, true}) {
            const QString d = desc ? u" DESC"_s : QString();
            QTest::addRow("id%s", desc ? " desc" : "") << u"id"_s << desc << u"id"_s + d;
            // Created is id order (ids are handed out at insert).
            QTest::addRow("created%s", desc ? " desc" : "") << u"created"_s << desc << u"id"_s + d;
            QTest::addRow("priority%s", desc ? " desc" : "") << u"priority"_s << desc
                                                              << u"priority%1, id%1"_s.arg(d);
            QTest::addRow("run-at%s", desc ? " desc" : "") << u"run-at"_s << desc << u"run_at%1, id%1"_s.arg(d);
            QTest::addRow("runtime%s", desc ? " desc" : "")
                << u"runtime"_s << desc
                << u"coalesce(extract(epoch FROM finished_at - started_at), -1)%1, id%1"_s.arg(d);
        }
    }

    void pagingNeverRepeatsOrSkips()
    {
        QFETCH(QString, sort);
        QFETCH(bool, descending);
        QFETCH(QString, orderBy);
        QVERIFY(seedPaging());
        QList<qint64> expected;
        auto rows = Database::exec(m_db, u"SELECT id FROM queuedesk.jobs WHERE queue = 'paging' ORDER BY "_s + orderBy);
        QVERIFY(rows.ok());
        while (rows.value().next())
            expected.append(rows.value().value(0).toLongLong());
        QCOMPARE(expected.size(), 1000);

        JobsModel model(m_client);
        QAbstractItemModelTester tester(&model);
        model.setPageSize(64);
        JobBrowserStore::Query query;
        query.filter.queues = {u"paging"_s};
        query.sort = *JobBrowserStore::sortFromName(sort);
        query.descending = descending;
        QSignalSpy count(&model, &JobsModel::countKnown);
        model.setQuery(query);
        QTRY_VERIFY(model.rowCount() >= 64);
        QVERIFY(loadAll(&model));
        QCOMPARE(idsOf(&model), expected);
        QTRY_COMPARE(count.size(), 1);
        QCOMPARE(count.constFirst().at(0).toLongLong(), 1000);
        QCOMPARE(count.constFirst().at(1).toBool(), true);
    }

    void scrollingFetchesMore()
    {
        JobsModel model(m_client);
        // QAbstractItemModelTester fetches more on every check; here only the view may.
        QTableView view;
        view.resize(600, 400);
        view.setModel(&model);
        view.show();
        QVERIFY(seedPaging());
        JobBrowserStore::Query query;
        query.filter.queues = {u"paging"_s};
        model.setQuery(query);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(model.rowCount() >= 200 && !model.isFetching());
        const int loaded = model.rowCount();
        // The view asks for more when its scroll bar reaches the end.
        QTRY_VERIFY(view.verticalScrollBar()->maximum() > 0);
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QTRY_VERIFY(model.rowCount() > loaded);
        const QList<qint64> ids = idsOf(&model);
        QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), ids.size());
    }

    void countIsEstimatedAboveTheBound()
    {
        QVERIFY(seedPaging());
        JobBrowserStore store(m_db);
        JobBrowserStore::Query query;
        query.filter.queues = {u"paging"_s};
        auto count = store.count(query, 100);
        QVERIFY(count.ok());
        QVERIFY(!count->exact);
        QVERIFY2(count->value > 100, qPrintable(QString::number(count->value)));
    }

    void eachFilterNarrows_data()
    {
        QTest::addColumn<QVariantMap>("form");
        QTest::addColumn<int>("expected");
        auto form = [](std::initializer_list<std::pair<QString, QVariant>> values) {
            QVariantMap map{{u"queue"_s, u"filt"_s}};
            for (const auto &[key, value] : values)
                map.insert(key, value);
            return map;
        };
        QTest::newRow("queue only") << form({}) << 12;
        QTest::newRow("waiting") << form({{u"states"_s, QStringList{u"waiting"_s}}}) << 3;
        QTest::newRow("delayed") << form({{u"states"_s, QStringList{u"delayed"_s}}}) << 2;
        QTest::newRow("retrying") << form({{u"states"_s, QStringList{u"retrying"_s}}}) << 1;
        QTest::newRow("stalled") << form({{u"states"_s, QStringList{u"stalled"_s}}}) << 1;
        QTest::newRow("scheduled") << form({{u"states"_s, QStringList{u"scheduled"_s}}}) << 3;
        QTest::newRow("failed or stalled") << form({{u"states"_s, QStringList{u"failed"_s, u"stalled"_s}}}) << 3;
        QTest::newRow("type") << form({{u"type"_s, u"mail"_s}}) << 4;
        QTest::newRow("store") << form({{u"store"_s, u"s1"_s}}) << 2;
        QTest::newRow("payload url") << form({{u"payload"_s, u"url = https://example.com/a?x=1"_s}}) << 2;
        QTest::newRow("payload number") << form({{u"payload"_s, u"n = 7"_s}}) << 1;
        QTest::newRow("error text") << form({{u"error"_s, u"boom"_s}}) << 2;
        QTest::newRow("created range") << form({{u"createdFrom"_s, u"2020-01-01"_s}, {u"createdTo"_s, u"2020-02-01"_s}})
                                       << 1;
        QTest::newRow("finished range") << form({{u"finishedFrom"_s, u"2021-01-01"_s},
                                                 {u"finishedTo"_s, u"2021-01-02 00:00"_s}}) << 1;
        QTest::newRow("two queues") << form({{u"queue"_s, u"filt, paging"_s}}) << 1012;
    }

    void eachFilterNarrows()
    {
        QFETCH(QVariantMap, form);
        QFETCH(int, expected);
        if (scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'filt'"_s) == 0) {
            QVERIFY(exec(uR"(
                INSERT INTO queuedesk.queues (name) VALUES ('filt');
                INSERT INTO queuedesk.jobs (queue, type, store, payload, state) VALUES
                  ('filt', 'mail', 's1', jsonb_build_object('url', 'https://example.com/a?x=1'), 'waiting'),
                  ('filt', 'mail', 's1', jsonb_build_object('url', 'https://example.com/a?x=1', 'n', 7), 'waiting'),
                  ('filt', 'mail', 's2', jsonb_build_object('url', 'https://example.com/b'), 'waiting');
                INSERT INTO queuedesk.jobs (queue, type, state, attempts, run_at) VALUES
                  ('filt', 'http', 'scheduled', 0, now() + interval '1 hour'),
                  ('filt', 'http', 'scheduled', 0, now() + interval '2 hour'),
                  ('filt', 'http', 'scheduled', 2, now() + interval '1 minute');
                INSERT INTO queuedesk.jobs (queue, type, state, attempts, locked_by, started_at, lease_until) VALUES
                  ('filt', 'http', 'active', 1, 'w1', now(), now() - interval '5 minutes'),
                  ('filt', 'http', 'active', 1, 'w1', now(), now() + interval '5 minutes');
                INSERT INTO queuedesk.jobs (queue, type, state, attempts, errors, finished_at) VALUES
                  ('filt', 'http', 'failed', 5, jsonb_build_array(jsonb_build_object('message', 'first'), jsonb_build_object('message', 'HTTP 503 BOOM')), now()),
                  ('filt', 'http', 'failed', 5, jsonb_build_array(jsonb_build_object('message', 'boom: timeout')), now());
                INSERT INTO queuedesk.jobs (queue, type, state, created_at, finished_at) VALUES
                  ('filt', 'mail', 'completed', '2020-01-15', '2021-01-01 12:00'),
                  ('filt', 'noop', 'completed', '2022-01-15', '2022-01-01 12:00');)"_s));
        }
        JobsPage page(m_client);
        QAbstractItemModelTester tester(page.model());
        page.filterBar()->setValues(form);
        page.filterBar()->apply();
        QVERIFY(loadAll(page.model()));
        QCOMPARE(page.model()->rowCount(), expected);
        QTRY_COMPARE(page.countText(), u"%1 jobs"_s.arg(QLocale().toString(expected)));
    }

    void filtersAreKeptAndSavedByName()
    {
        {
            JobFilterBar bar;
            bar.setValues({{u"queue"_s, u"filt"_s}, {u"states"_s, QStringList{u"stalled"_s}}, {u"sort"_s, u"priority"_s}});
            bar.apply();
            bar.saveAs(u"stalled in filt"_s);
            bar.setValues({});
            bar.apply();
        }
        JobFilterBar bar;
        QVERIFY(bar.query()->filter.queues.isEmpty());
        QVERIFY(bar.savedNames().contains(u"stalled in filt"_s));
        QVERIFY(bar.load(u"stalled in filt"_s));
        auto query = bar.query();
        QVERIFY(query.ok());
        QCOMPARE(query->filter.queues, QStringList{u"filt"_s});
        QVERIFY(query->stalled);
        QCOMPARE(query->sort, JobBrowserStore::Sort::Priority);
        bar.apply();
        JobFilterBar next;   // a new session starts with the last filter applied
        QCOMPARE(next.query()->filter.queues, QStringList{u"filt"_s});
        bar.field(u"payload"_s)->setText(u"no equals sign"_s);
        QVERIFY(!bar.query().ok());
    }

    void finishedRangeSortsByFinishTime()
    {
        JobFilterBar bar;
        bar.setValues({{u"sort"_s, u"id"_s}});
        QTest::keyClicks(bar.field(u"finishedFrom"_s), u"2026-01-01"_s);
        QCOMPARE(bar.query()->sort, JobBrowserStore::Sort::Finished);
        QVERIFY(bar.query()->filter.finishedAfter.isValid());
        // A sort the operator chose on purpose stays.
        bar.setValues({{u"sort"_s, u"runtime"_s}});
        QTest::keyClicks(bar.field(u"finishedTo"_s), u"2026-02-01"_s);
        QCOMPARE(bar.query()->sort, JobBrowserStore::Sort::Runtime);
    }

    void singleActionsChangeTheJob()
    {
        QVERIFY(exec(uR"(
            INSERT INTO queuedesk.queues (name) VALUES ('one');
            INSERT INTO queuedesk.jobs (id, queue, type, state, attempts, finished_at, payload) OVERRIDING SYSTEM VALUE VALUES
              (900001, 'one', 'http', 'failed', 5, now(), '{}'),
              (900002, 'one', 'http', 'waiting', 0, NULL, '{}'),
              (900003, 'one', 'http', 'completed', 1, now(), jsonb_build_object('k', 1)),
              (900004, 'one', 'http', 'scheduled', 0, NULL, '{}'),
              (900005, 'one', 'http', 'waiting', 0, NULL, '{}'),
              (900006, 'one', 'http', 'waiting', 0, NULL, '{}'),
              (900007, 'one', 'http', 'active', 1, NULL, '{}');
            UPDATE queuedesk.jobs SET run_at = now() + interval '1 day' WHERE id = 900004;)"_s));
        auto page = pageFor(u"one"_s);
        QVERIFY(loadAll(page->model()));
        QCOMPARE(page->model()->rowCount(), 7);
        auto select = [&](qint64 id) {
            page->view()->clearSelection();
            for (int row = 0; row < page->model()->rowCount(); ++row) {
                if (page->model()->job(row).id == id)
                    page->view()->selectRow(row);
            }
            return page->selectedIds() == QList<qint64>{id};
        };
        auto state = [&](qint64 id) {
            auto q = Database::exec(m_db, u"SELECT state FROM queuedesk.jobs WHERE id = ?"_s, {id});
            return q && q.value().next() ? q.value().value(0).toString() : u"gone"_s;
        };
        auto reload = [&] { return loadAll(page->model()) && page->model()->rowCount() > 0; };

        QVERIFY(select(900001));
        QVERIFY(summaryOf(page.get(), JobsPage::Action::Retry, false).contains(u"900001"_s));
        QCOMPARE(state(900001), u"waiting"_s);
        QVERIFY(reload() && select(900002));
        summaryOf(page.get(), JobsPage::Action::Cancel, false);
        QCOMPARE(state(900002), u"cancelled"_s);
        QVERIFY(reload() && select(900003));
        summaryOf(page.get(), JobsPage::Action::Requeue, false);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE created_by = 'requeue of 900003' "
                        u"AND state = 'waiting'"_s), 1);
        QVERIFY(reload() && select(900004));
        summaryOf(page.get(), JobsPage::Action::RunNow, false);
        QCOMPARE(state(900004), u"waiting"_s);
        QVERIFY(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE id = 900004 AND run_at <= now()"_s) == 1);
        QVERIFY(reload() && select(900005));
        summaryOf(page.get(), JobsPage::Action::SetPriority, false, 42);
        QCOMPARE(scalar(u"SELECT priority FROM queuedesk.jobs WHERE id = 900005"_s), 42);
        QVERIFY(reload() && select(900006));
        summaryOf(page.get(), JobsPage::Action::Delete, false);
        QCOMPARE(state(900006), u"gone"_s);
        // A refusal says why and changes nothing.
        QVERIFY(reload() && select(900007));
        const QString refused = summaryOf(page.get(), JobsPage::Action::Delete, false);
        QVERIFY2(refused.contains(u"running"_s), qPrintable(refused));
        QCOMPARE(state(900007), u"active"_s);
        QCOMPARE(page->statusText(), refused);
    }

    void bulkRetryOfAllMatchingReportsSkipped()
    {
        QVERIFY(exec(uR"(
            INSERT INTO queuedesk.queues (name) VALUES ('bulk');
            INSERT INTO queuedesk.jobs (queue, type, state, attempts, finished_at, errors)
              SELECT 'bulk', 'http', 'failed', 5, now(), jsonb_build_array(jsonb_build_object('message', 'HTTP 500')) FROM generate_series(1, 1000);
            INSERT INTO queuedesk.jobs (queue, type, state, attempts, locked_by, started_at, lease_until)
              SELECT 'bulk', 'http', 'active', 1, 'w', now(), now() + interval '1 minute' FROM generate_series(1, 2);)"_s));
        auto page = pageFor(u"bulk"_s);
        QAbstractItemModelTester tester(page->model());
        QTRY_VERIFY(page->model()->rowCount() >= 200);
        QString asked;
        page->runner()->setConfirm([&asked](const QString &question) { asked = question; return true; });
        page->runner()->setChunkSize(128);
        const QString summary = summaryOf(page.get(), JobsPage::Action::Retry, true);
        QCOMPARE(summary, u"1,000 retried, 2 skipped: running"_s);
        QVERIFY2(asked.contains(QLocale().toString(1002)), qPrintable(asked));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'bulk' AND state = 'waiting'"_s), 1000);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'bulk' AND state = 'active'"_s), 2);
        QCOMPARE(page->statusText(), summary);
        // The table reloads after the action.
        QTRY_VERIFY(page->model()->rowCount() >= 200);
    }

    void bulkActionsOnASelectionAndOnDerivedStates()
    {
        QVERIFY(exec(uR"(
            INSERT INTO queuedesk.queues (name) VALUES ('sel');
            INSERT INTO queuedesk.jobs (queue, type, state) SELECT 'sel', 'x', 'waiting' FROM generate_series(1, 10);
            INSERT INTO queuedesk.jobs (queue, type, state, attempts, run_at)
              SELECT 'sel', 'x', 'scheduled', g % 2, now() + interval '1 day' FROM generate_series(1, 10) g;)"_s));
        auto page = pageFor(u"sel"_s);
        QVERIFY(loadAll(page->model()));
        QCOMPARE(page->model()->rowCount(), 20);
        // The first three rows (the oldest waiting jobs): priority, then cancel.
        page->view()->selectionModel()->select(
            QItemSelection(page->model()->index(0, 0), page->model()->index(2, JobsModel::ColumnCount - 1)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QList<qint64> ids = page->selectedIds();
        QCOMPARE(ids.size(), 3);
        QCOMPARE(summaryOf(page.get(), JobsPage::Action::SetPriority, false, 9), u"3 reprioritised"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'sel' AND priority = 9"_s), 3);
        QVERIFY(loadAll(page->model()));
        page->view()->selectionModel()->select(
            QItemSelection(page->model()->index(0, 0), page->model()->index(2, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QString asked;
        page->runner()->setConfirm([&asked](const QString &q) { asked = q; return true; });
        QCOMPARE(summaryOf(page.get(), JobsPage::Action::Cancel, false), u"3 cancelled"_s);
        QVERIFY(asked.contains(u"cannot be undone"_s));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'sel' AND state = 'cancelled'"_s), 3);

        // "Delayed" is no column: the runner picks the ids, the action store acts.
        page->filterBar()->setValues({{u"queue"_s, u"sel"_s}, {u"states"_s, QStringList{u"delayed"_s}}});
        page->filterBar()->apply();
        QVERIFY(loadAll(page->model()));
        QCOMPARE(page->model()->rowCount(), 5);
        QCOMPARE(summaryOf(page.get(), JobsPage::Action::RunNow, true), u"5 set to run now"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'sel' AND state = 'scheduled'"_s), 5);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'sel' AND state = 'scheduled' "
                        u"AND attempts = 0"_s), 0);
        // Requeue then delete everything left in the queue.
        page->filterBar()->setValues({{u"queue"_s, u"sel"_s}, {u"states"_s, QStringList{u"retrying"_s}}});
        page->filterBar()->apply();
        QVERIFY(loadAll(page->model()));
        QCOMPARE(summaryOf(page.get(), JobsPage::Action::Requeue, true), u"5 requeued"_s);
        page->filterBar()->setValues({{u"queue"_s, u"sel"_s}});
        page->filterBar()->apply();
        QVERIFY(loadAll(page->model()));
        QCOMPARE(summaryOf(page.get(), JobsPage::Action::Delete, true), u"20 deleted"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'sel'"_s), 0);
    }

    void declinedConfirmationChangesNothing()
    {
        auto page = pageFor(u"filt"_s);
        QVERIFY(loadAll(page->model()));
        page->runner()->setConfirm([](const QString &) { return false; });
        const qint64 before = scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'filt'"_s);
        QCOMPARE(summaryOf(page.get(), JobsPage::Action::Delete, true), u"Nothing changed."_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'filt'"_s), before);
    }

    void cancelStopsABulkActionEarly()
    {
        QVERIFY(exec(uR"(
            INSERT INTO queuedesk.queues (name) VALUES ('stop');
            INSERT INTO queuedesk.jobs (queue, type, state, finished_at)
              SELECT 'stop', 'x', 'failed', now() FROM generate_series(1, 3000);)"_s));
        auto page = pageFor(u"stop"_s);
        BulkActionRunner *runner = page->runner();
        runner->setChunkSize(10);
        // Cancel as the action starts: the store thread sees it after its first chunk.
        runner->setConfirm([runner](const QString &) {
            QTimer::singleShot(0, runner, &BulkActionRunner::cancel);
            return true;
        });
        const QString summary = summaryOf(page.get(), JobsPage::Action::Retry, true);
        QVERIFY2(summary.endsWith(u"(stopped early)"_s), qPrintable(summary));
        const qint64 retried = scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE queue = 'stop' AND state = 'waiting'"_s);
        QVERIFY2(retried >= 10 && retried < 3000, qPrintable(QString::number(retried)));
    }

    void cloneWithBadJsonSavesNothing()
    {
        QVERIFY(exec(uR"(
            INSERT INTO queuedesk.queues (name) VALUES ('clone');
            INSERT INTO queuedesk.jobs (id, queue, type, store, priority, payload) OVERRIDING SYSTEM VALUE
              VALUES (910001, 'clone', 'http', 'shop', 3, jsonb_build_object('url', 'https://a'));)"_s));
        auto page = pageFor(u"clone"_s);
        const qint64 before = scalar(u"SELECT count(*) FROM queuedesk.jobs"_s);
        const Status bad = page->cloneJob(910001, u"{\"url\": "_s);
        QVERIFY(!bad.ok());
        QVERIFY(!bad.error().message.isEmpty());
        QCOMPARE(page->statusText(), bad.error().message);
        QVERIFY(!page->cloneJob(910001, u"[1, 2]"_s).ok());   // not an object
        // A full round trip on the store thread, then nothing was added.
        QVERIFY(loadAll(page->model()));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs"_s), before);

        JobCloneDialog dialog(910001, QJsonObject{{u"url"_s, u"https://a"_s}});
        QVERIFY(dialog.errorText().isEmpty());
        dialog.setPayloadText(u"{oops"_s);
        QVERIFY(!dialog.errorText().isEmpty());

        QSignalSpy done(page.get(), &JobsPage::actionFinished);
        QVERIFY(page->cloneJob(910001, u"{\"url\": \"https://b\"}"_s).ok());
        QVERIFY(done.wait(10000));
        QVERIFY2(done.constFirst().at(1).toBool(), qPrintable(done.constFirst().at(0).toString()));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE created_by = 'clone of 910001' AND queue = 'clone' "
                        u"AND type = 'http' AND store = 'shop' AND priority = 3 "
                        u"AND payload = '{\"url\": \"https://b\"}'"_s), 1);
    }

    void exportWritesTheExpectedLines()
    {
        QVERIFY(exec(uR"(
            INSERT INTO queuedesk.queues (name) VALUES ('exp');
            INSERT INTO queuedesk.jobs (id, queue, type, store, payload, state, errors) OVERRIDING SYSTEM VALUE VALUES
              (920001, 'exp', 'http', 's', jsonb_build_object('url', 'https://a/1'), 'waiting', NULL),
              (920002, 'exp', 'http', '', jsonb_build_object('note', 'a, "quoted" one'), 'failed', jsonb_build_array(jsonb_build_object('message', 'bad, very'))),
              (920003, 'exp', 'mail', '', '{}', 'waiting', NULL);)"_s));
        auto page = pageFor(u"exp"_s);
        QVERIFY(loadAll(page->model()));
        QTemporaryDir dir;
        QSignalSpy exported(page.get(), &JobsPage::exportFinished);

        page->exportTo(dir.filePath(u"all.csv"_s), true);
        QVERIFY(exported.wait(10000));
        QVERIFY(exported.last().at(1).toBool());
        QFile csv(dir.filePath(u"all.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0), CsvJsonExporter::csvHeader());
        QVERIFY(lines.at(1).startsWith(u"920001,exp,http,waiting,s,0,0,"_s));
        QVERIFY(lines.at(1).endsWith(u",\"{\"\"url\"\":\"\"https://a/1\"\"}\""_s));
        QVERIFY2(lines.at(2).contains(u",\"bad, very\","_s), qPrintable(lines.at(2)));
        QVERIFY(lines.at(3).startsWith(u"920003,exp,mail,waiting,"_s));

        // The selection, as JSON lines.
        page->view()->selectionModel()->select(
            QItemSelection(page->model()->index(1, 0), page->model()->index(2, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        page->exportTo(dir.filePath(u"some.jsonl"_s), false);
        QVERIFY(exported.wait(10000));
        QFile jsonl(dir.filePath(u"some.jsonl"_s));
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        const QList<QByteArray> objects = jsonl.readAll().split('\n');
        QCOMPARE(objects.size(), 3);   // two lines and the empty rest
        const QJsonObject first = QJsonDocument::fromJson(objects.at(0)).object();
        QCOMPARE(first.value(u"id"_s).toInteger(), 920002);
        QCOMPARE(first.value(u"state"_s).toString(), u"failed"_s);
        QCOMPARE(first.value(u"payload"_s).toObject().value(u"note"_s).toString(), u"a, \"quoted\" one"_s);
        QCOMPARE(QJsonDocument::fromJson(objects.at(1)).object().value(u"id"_s).toInteger(), 920003);
    }

    void detailShowsEverythingAndWhyItWaits()
    {
        QVERIFY(exec(uR"(
            INSERT INTO queuedesk.queues (name, paused) VALUES ('held', true);
            INSERT INTO queuedesk.jobs (id, queue, type, payload, attempts, errors, progress, state, run_at)
              OVERRIDING SYSTEM VALUE VALUES
              (930001, 'held', 'http', jsonb_build_object('url', 'https://held/1'), 1,
               jsonb_build_array(jsonb_build_object('at', '2026-01-02T03:04:05Z', 'attempt', 1, 'worker', 'box-7', 'message', 'HTTP 502 from upstream')),
               jsonb_build_object('pages', 12), 'waiting', now());)"_s));
        auto reasons = WaitExplainer(m_db).explain(930001);
        QVERIFY(reasons.ok());
        QVERIFY(!reasons->isEmpty());
        JobsPage page(m_client);
        JobDetailDialog *dialog = page.openDetail(930001);
        QTRY_VERIFY(dialog->isLoaded());
        const QString text = dialog->text();
        for (const WaitReason &reason : reasons.value())
            QVERIFY2(text.contains(reason.message), qPrintable(reason.message));
        for (const QString &expected : {u"https://held/1"_s, u"HTTP 502 from upstream"_s, u"box-7"_s,
                                        u"\"pages\": 12"_s, u"attempt 1 failed on box-7"_s, u"created"_s})
            QVERIFY2(text.contains(expected), qPrintable(expected + u" not in "_s + text));
        dialog->close();

        JobDetailDialog missing(m_client, 999999999);
        QTRY_VERIFY(missing.isLoaded());
        QVERIFY(missing.text().contains(u"999999999"_s));
    }

    void cleanupTestCase()
    {
        delete m_client;
        m_client = nullptr;
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"main"_s);
    }
};

QTEST_MAIN(TestJobsBrowser)
#include "tst_jobsbrowser.moc"
