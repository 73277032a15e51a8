#include "db/database.h"
#include "engine/cron/cronexpression.h"
#include "engine/scheduler/fireplan.h"
#include "engine/scheduler/manualclock.h"
#include "engine/scheduler/scheduleservice.h"
#include "queue/queuestore.h"
#include "queue/schedulestore.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <barrier>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

} // namespace

// Schedules: validated edits, trigger, enable/disable, missed-run policies,
// and one job per fire however many engines fire at once.
class TestCronSchedules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_cron_schedules"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        QVERIFY(QueueStore(m_db).create({.name = u"reports"_s}).ok());
    }

    void init()
    {
        QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.jobs; DELETE FROM queuedesk.schedules"_s).ok());
        m_clock = std::make_shared<ManualClock>(utc(u"2030-01-01T09:30:00Z"_s));
    }

    void createComputesNextFireInItsZone()
    {
        ScheduleService service(m_db, m_clock);
        auto created = service.create({.name = u"athens-morning"_s, .queue = u"reports"_s, .type = u"noop"_s,
                                       .payload = {{u"report"_s, u"daily"_s}}, .cron = u"0 9 * * *"_s,
                                       .timezone = u"Europe/Athens"_s, .priority = 3, .store = u"shop-1"_s});
        QVERIFY2(created.ok(), qPrintable(created.error().toString()));
        // 09:00 in Athens (UTC+2 in winter) has passed at 09:30 UTC: tomorrow 07:00 UTC.
        QCOMPARE(created->nextRunAt, utc(u"2030-01-02T07:00:00Z"_s));
        QCOMPARE(created->payload.value(u"report"_s).toString(), u"daily"_s);
        QCOMPARE(created->priority, 3);
        QCOMPARE(created->store, u"shop-1"_s);
        QVERIFY(!created->lastRunAt.isValid());
        auto upcoming = service.upcoming(created.value(), 3);
        QCOMPARE(upcoming->size(), 3);
        QCOMPARE(upcoming->at(2), utc(u"2030-01-04T07:00:00Z"_s));
    }

    void refusalsSaveNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("queue");
        QTest::addColumn<QString>("cron");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        const int invalid = int(Error::Code::InvalidArgument);
        QTest::newRow("hour out of range") << u"a"_s << u"reports"_s << u"0 24 * * *"_s << u"UTC"_s << invalid << u"hour"_s;
        QTest::newRow("four fields") << u"a"_s << u"reports"_s << u"0 * * *"_s << u"UTC"_s << invalid << u"field"_s;
        QTest::newRow("bad month name") << u"a"_s << u"reports"_s << u"0 0 1 FOO *"_s << u"UTC"_s << invalid << u"month"_s;
        QTest::newRow("unknown zone") << u"a"_s << u"reports"_s << u"@daily"_s << u"Mars/Olympus"_s << invalid
                                      << u"time zone"_s;
        QTest::newRow("unknown queue") << u"a"_s << u"nope"_s << u"@daily"_s << u"UTC"_s
                                       << int(Error::Code::UnknownQueue) << u"nope"_s;
        QTest::newRow("bad name") << u"has space"_s << u"reports"_s << u"@daily"_s << u"UTC"_s << invalid << u"name"_s;
        QTest::newRow("never fires") << u"a"_s << u"reports"_s << u"0 0 30 2 *"_s << u"UTC"_s << invalid << u"never"_s;
    }

    void refusalsSaveNothing()
    {
        QFETCH(QString, name);
        QFETCH(QString, queue);
        QFETCH(QString, cron);
        QFETCH(QString, zone);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        ScheduleService service(m_db, m_clock);
        auto refused = service.create({.name = name, .queue = queue, .type = u"noop"_s, .cron = cron, .timezone = zone});
        QVERIFY(!refused.ok());
        QCOMPARE(int(refused.error().code), code);
        QVERIFY2(refused.error().message.contains(mentions, Qt::CaseInsensitive), qPrintable(refused.error().message));
        QCOMPARE(service.list()->size(), 0);
    }

    void duplicateNameRefused()
    {
        ScheduleService service(m_db, m_clock);
        QVERIFY(service.create({.name = u"twice"_s, .type = u"noop"_s, .cron = u"@hourly"_s}).ok());
        auto again = service.create({.name = u"twice"_s, .type = u"other"_s, .cron = u"@daily"_s});
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(u"already exists"_s));
        QCOMPARE(service.get(u"twice"_s)->type, u"noop"_s);
    }

    void editKeepsOrMovesTheNextFire()
    {
        ScheduleService service(m_db, m_clock);
        auto s = service.create({.name = u"edit"_s, .type = u"noop"_s, .cron = u"0 * * * *"_s}).value();
        QCOMPARE(s.nextRunAt, utc(u"2030-01-01T10:00:00Z"_s));
        s.type = u"renamed"_s;
        s.payload = {{u"x"_s, 1}};
        auto same = service.update(s);
        QVERIFY2(same.ok(), qPrintable(same.error().toString()));
        QCOMPARE(same->nextRunAt, utc(u"2030-01-01T10:00:00Z"_s));
        QCOMPARE(same->type, u"renamed"_s);
        s.cron = u"*/5 * * * *"_s;
        QCOMPARE(service.update(s)->nextRunAt, utc(u"2030-01-01T09:35:00Z"_s));
        s.cron = u"99 * * * *"_s;
        QVERIFY(!service.update(s).ok());
        QCOMPARE(service.get(u"edit"_s)->cron, u"*/5 * * * *"_s);
        s.cron = u"@hourly"_s;
        s.queue = u"missing"_s;
        QCOMPARE(service.update(s).error().code, Error::Code::UnknownQueue);
    }

    void triggerDoesNotMoveTheSchedule()
    {
        ScheduleService service(m_db, m_clock);
        const Schedule s = service.create({.name = u"manual"_s, .queue = u"reports"_s, .type = u"noop"_s,
                                           .payload = {{u"k"_s, u"v"_s}}, .cron = u"@daily"_s}).value();
        auto id = service.trigger(u"manual"_s);
        QVERIFY2(id.ok(), qPrintable(id.error().toString()));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE id = %1 AND queue = 'reports' AND type = 'noop' "
                        u"AND payload->>'k' = 'v' AND created_by = 'schedule:manual' AND state = 'waiting'"_s.arg(id.value())),
                 1);
        QCOMPARE(service.get(u"manual"_s)->nextRunAt, s.nextRunAt);
        QVERIFY(!service.get(u"manual"_s)->lastRunAt.isValid());
        QCOMPARE(service.trigger(u"ghost"_s).error().code, Error::Code::NotFound);
    }

    void disabledSchedulesDoNotFireAndEnablingSkipsThePast()
    {
        ScheduleService service(m_db, m_clock);
        QVERIFY(service.create({.name = u"pause-me"_s, .type = u"noop"_s, .cron = u"*/10 * * * *"_s}).ok());
        QVERIFY(service.setEnabled(u"pause-me"_s, false).ok());
        QVERIFY(!service.get(u"pause-me"_s)->enabled);
        QVERIFY(!service.get(u"pause-me"_s)->nextRunAt.isValid());
        m_clock->advance(3 * 3600 * 1000);
        QCOMPARE(service.fireDue(m_clock->now())->fired, 0);
        QVERIFY(service.setEnabled(u"pause-me"_s, true).ok());
        QCOMPARE(service.get(u"pause-me"_s)->nextRunAt, utc(u"2030-01-01T12:40:00Z"_s));
        QCOMPARE(service.fireDue(m_clock->now())->fired, 0);
        m_clock->advance(10 * 60 * 1000);
        QCOMPARE(service.fireDue(m_clock->now())->fired, 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE unique_key = 'schedule:pause-me:2030-01-01T12:40:00Z'"_s), 1);
        QCOMPARE(service.get(u"pause-me"_s)->lastRunAt, utc(u"2030-01-01T12:40:00Z"_s));
        QVERIFY(service.remove(u"pause-me"_s).ok());
        QCOMPARE(service.remove(u"pause-me"_s).error().code, Error::Code::NotFound);
    }

    void firePlanPolicies_data()
    {
        QTest::addColumn<QString>("due");
        QTest::addColumn<QString>("now");
        QTest::addColumn<bool>("catchUp");
        QTest::addColumn<QString>("fireAt");   // empty: no job
        QTest::addColumn<QString>("next");
        // Hourly at :00, 60 s until a fire counts as missed.
        QTest::newRow("on time") << u"T10:00"_s << u"T10:00:30"_s << false << u"T10:00"_s << u"T11:00"_s;
        QTest::newRow("late, not missed") << u"T10:00"_s << u"T10:00:59"_s << true << u"T10:00"_s << u"T11:00"_s;
        QTest::newRow("skip: all long past") << u"T10:00"_s << u"T13:30"_s << false << QString() << u"T14:00"_s;
        QTest::newRow("skip: last one on time") << u"T10:00"_s << u"T13:00:20"_s << false << u"T13:00"_s << u"T14:00"_s;
        QTest::newRow("catch up: all long past") << u"T10:00"_s << u"T13:30"_s << true << u"T10:00"_s << u"T14:00"_s;
        QTest::newRow("catch up: last one on time") << u"T10:00"_s << u"T13:00:20"_s << true << u"T10:00"_s
                                                     << u"T13:00"_s;
    }

    void firePlanPolicies()
    {
        QFETCH(QString, due);
        QFETCH(QString, now);
        QFETCH(bool, catchUp);
        QFETCH(QString, fireAt);
        QFETCH(QString, next);
        auto at = [](const QString &t) { return utc(u"2030-01-01"_s + t + (t.size() == 6 ? u":00Z"_s : u"Z"_s)); };
        const auto cron = CronExpression::parse(u"0 * * * *"_s);
        const FirePlan plan = FirePlan::decide(cron.value(), QTimeZone::utc(), at(due),
                                               catchUp ? MissedPolicy::CatchUpOnce : MissedPolicy::Skip, at(now), 60000);
        QCOMPARE(plan.fireAt, fireAt.isEmpty() ? QDateTime() : at(fireAt));
        QCOMPARE(plan.nextRunAt, at(next));
    }

    void missedRunsAfterDowntime()
    {
        ScheduleService service(m_db, m_clock);
        QVERIFY(service.create({.name = u"skipper"_s, .type = u"noop"_s, .cron = u"0 * * * *"_s}).ok());
        QVERIFY(service.create({.name = u"catcher"_s, .type = u"noop"_s, .cron = u"0 * * * *"_s,
                                .missedPolicy = MissedPolicy::CatchUpOnce}).ok());
        m_clock->set(utc(u"2030-01-01T13:30:00Z"_s));   // 10:00 to 13:00 were missed
        auto report = service.fireDue(m_clock->now());
        QCOMPARE(report->fired, 1);
        QCOMPARE(report->skipped, 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE created_by = 'schedule:skipper'"_s), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE created_by = 'schedule:catcher'"_s), 1);
        QCOMPARE(service.get(u"skipper"_s)->nextRunAt, utc(u"2030-01-01T14:00:00Z"_s));
        QCOMPARE(service.get(u"catcher"_s)->nextRunAt, utc(u"2030-01-01T14:00:00Z"_s));
        QCOMPARE(service.fireDue(m_clock->now())->fired, 0);   // nothing more for the same gap
        m_clock->set(utc(u"2030-01-01T14:00:01Z"_s));
        QCOMPARE(service.fireDue(m_clock->now())->fired, 2);
    }

    // Two engines fire the same schedule minute by minute, in lockstep,
    // without any leader: the next_run_at claim and the unique key leave
    // exactly one job per fire.
    void oneJobPerFireUnderRace()
    {
        const QDateTime start = utc(u"2030-01-01T00:00:00Z"_s);
        m_clock->set(start.addSecs(-30));
        QVERIFY(ScheduleService(m_db, m_clock).create({.name = u"race"_s, .type = u"noop"_s, .cron = u"* * * * *"_s}).ok());
        constexpr int minutes = 1440;
        std::barrier sync(2);
        std::atomic<int> fired = 0, taken = 0, errors = 0;
        auto engine = [&](const QString &name) {
            return QThread::create([&, name] {
                {
                    QSqlDatabase db = TestDatabase::connect(m_settings, name);
                    ScheduleService service(db, m_clock);
                    for (int i = 0; i < minutes; ++i) {
                        sync.arrive_and_wait();
                        auto report = service.fireDue(start.addSecs(i * 60 + 1));
                        errors += !report.ok();
                        fired += report ? report->fired : 0;
                        taken += report ? report->taken : 0;
                    }
                }
                QSqlDatabase::removeDatabase(name);
            });
        };
        std::unique_ptr<QThread> a(engine(u"engine-a"_s)), b(engine(u"engine-b"_s));
        a->start();
        b->start();
        QVERIFY(a->wait(120000) && b->wait(120000));
        QCOMPARE(errors.load(), 0);
        QCOMPARE(fired.load(), minutes);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE created_by = 'schedule:race'"_s), minutes);
        QCOMPARE(scalar(u"SELECT count(DISTINCT unique_key) FROM queuedesk.jobs WHERE created_by = 'schedule:race'"_s), minutes);
        qInfo() << "fires claimed by the other engine first:" << taken.load();
    }

    // The unique key holds only among unfinished jobs: once a fire's job is
    // done, an engine with a stale view must still not fire it again.
    void staleFireRefusedAfterJobFinished()
    {
        ScheduleService service(m_db, m_clock);
        QVERIFY(service.create({.name = u"stale"_s, .type = u"noop"_s, .cron = u"0 * * * *"_s}).ok());
        const Schedule seen = service.get(u"stale"_s).value();
        QCOMPARE(service.fireDue(utc(u"2030-01-01T10:00:05Z"_s))->fired, 1);
        QVERIFY(Database::exec(m_db, u"UPDATE queuedesk.jobs SET state = 'completed', finished_at = now()"_s).ok());
        // Another engine read the schedule before the fire and moves it now.
        QSqlDatabase other = TestDatabase::connect(m_settings, u"stale-other"_s);
        QCOMPARE(ScheduleStore(other).advance(seen.name, seen.nextRunAt, seen.nextRunAt.addSecs(3600), seen.nextRunAt)
                     .value(),
                 false);
        QCOMPARE(service.fireDue(utc(u"2030-01-01T10:00:05Z"_s))->fired, 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs"_s), 1);
    }

private:
    qint64 scalar(const QString &sql)
    {
        auto q = Database::exec(m_db, sql);
        if (!q || !q.value().next())
            return -1;
        return q.value().value(0).toLongLong();
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
    std::shared_ptr<ManualClock> m_clock;
};

QTEST_GUILESS_MAIN(TestCronSchedules)
#include "tst_cron_schedules.moc"
