// The ranges of an engine's settings: the defaults pass, every edge passes,
// one past it is refused with the setting's name and range.
#include "engine/enginesettingsvalidator.h"

#include <QTest>

using namespace QueueDesk;

using Setting = EngineSettingsValidator::Setting;

class TestEngineSettingsValidator : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValid()
    {
        QVERIFY(EngineSettingsValidator::validate(EngineSettings()).ok());
        QVERIFY(EngineSettingsValidator::validate(HandlerSettings()).ok());
    }

    void edgesPassAndOnePastFails_data()
    {
        QTest::addColumn<int>("setting");
        QTest::addColumn<qint64>("min");
        QTest::addColumn<qint64>("max");
        auto row = [](const char *name, Setting s, qint64 min, qint64 max) {
            QTest::newRow(name) << int(s) << min << max;
        };
        row("queue concurrency", Setting::QueueConcurrency, 1, 256);
        row("total concurrency", Setting::TotalConcurrency, 1, 1024);
        row("poll interval", Setting::PollInterval, 50, 600000);
        row("batch size", Setting::BatchSize, 1, 1000);
        row("lease", Setting::LeaseSeconds, 2, 86400);
        row("heartbeat", Setting::HeartbeatInterval, 100, 43200000);
        row("shutdown", Setting::ShutdownTimeout, 0, 3600000);
        row("http timeout", Setting::HttpTimeout, 1, 86400000);
        row("command timeout", Setting::CommandTimeout, 0, 604800000);
        row("sql timeout", Setting::SqlTimeout, 0, 604800000);
    }

    void edgesPassAndOnePastFails()
    {
        QFETCH(int, setting);
        QFETCH(qint64, min);
        QFETCH(qint64, max);
        const auto s = Setting(setting);
        QVERIFY(EngineSettingsValidator::check(s, min).ok());
        QVERIFY(EngineSettingsValidator::check(s, max).ok());
        const Status below = EngineSettingsValidator::check(s, min - 1, u"--thing"_s);
        QVERIFY(!below.ok());
        QCOMPARE(below.error().message,
                 u"--thing must be from %1 to %2, not %3."_s.arg(min).arg(max).arg(min - 1));
        QVERIFY(!EngineSettingsValidator::check(s, max + 1).ok());
        QVERIFY(EngineSettingsValidator::check(s, max + 1).error().message.startsWith(
            EngineSettingsValidator::plainName(s)));
    }

    void engineSettingsAreCheckedAsAWhole()
    {
        const EngineSettingsValidator::Names names{{Setting::BatchSize, u"--batch-size"_s},
                                                   {Setting::LeaseSeconds, u"--lease"_s},
                                                   {Setting::HeartbeatInterval, u"--heartbeat-interval"_s},
                                                   {Setting::QueueConcurrency, u"--queues"_s}};
        EngineSettings s;
        s.batchSize = 0;
        QVERIFY(EngineSettingsValidator::validate(s, names).error().message.startsWith(u"--batch-size"_s));
        s = {};
        s.leaseSeconds = 2147484;   // * 1000 overflowed an int: no heartbeats
        QVERIFY(EngineSettingsValidator::validate(s, names).error().message.startsWith(u"--lease"_s));
        s = {};
        s.leaseSeconds = 10;
        s.heartbeatIntervalMs = 5001;
        QCOMPARE(EngineSettingsValidator::validate(s, names).error().message,
                 u"--heartbeat-interval must be at most half the lease (--lease = 10 s, so at most 5000 ms), "
                 u"not 5001."_s);
        s.heartbeatIntervalMs = 5000;
        QVERIFY(EngineSettingsValidator::validate(s, names).ok());
        s = {};
        s.queues = {{u"a"_s, 100000}};
        QVERIFY(EngineSettingsValidator::validate(s, names).error().message.startsWith(u"--queues (queue \"a\")"_s));
        s.queues = {{u"a"_s, 256}, {u"b"_s, 256}, {u"c"_s, 256}, {u"d"_s, 256}, {u"e"_s, 1}};
        QVERIFY(EngineSettingsValidator::validate(s, names).error().message.contains(u"not 1025"_s));
        s.queues.remove(u"e"_s);
        QVERIFY(EngineSettingsValidator::validate(s, names).ok());
        s.queues.clear();
        QVERIFY(!EngineSettingsValidator::validate(s, names).ok());
        s = {};
        s.ackDelayMs = 0;
        QVERIFY(!EngineSettingsValidator::validate(s).ok());
    }
};

QTEST_GUILESS_MAIN(TestEngineSettingsValidator)
#include "tst_enginesettingsvalidator.moc"
