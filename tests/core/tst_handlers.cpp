#include "engine/handlerregistry.h"
#include "engine/handlers/builtinhandlers.h"
#include "handlerrun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// The demo handlers (noop, sleep, fail) and command, run on pool threads.
class TestHandlers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        HandlerSettings settings;
        settings.commandEnabled = true;
        // By path and by name: "sh" must also admit "/bin/sh".
        settings.commandAllowList = {u"/bin/echo"_s, u"sh"_s, u"/bin/sleep"_s, u"no-such-program-qd"_s, u"printenv"_s, u"dir"_s};
        registerBuiltinHandlers(m_registry, settings);
        registerBuiltinHandlers(m_disabled, HandlerSettings());
    }

    void registersEveryBuiltin()
    {
        QCOMPARE(m_registry.types(),
                 QStringList({u"command"_s, u"fail"_s, u"http"_s, u"noop"_s, u"sleep"_s, u"sql"_s}));
        QCOMPARE(m_disabled.types(), m_registry.types());
    }

    void noopSucceeds()
    {
        const HandlerResult result = runHandler(m_registry, u"noop"_s, {});
        QVERIFY(result.ok());
    }

    void sleepReportsProgress()
    {
        HandlerRun run(m_registry, u"sleep"_s, {{u"ms"_s, 300}});
        QVERIFY(QTest::qWaitFor([&] { return run.context().percent() > 0 || run.isFinished(); }, 5000));
        QVERIFY(run.waitForFinished());
        const HandlerResult result = run.result();
        QVERIFY(result.ok());
        QCOMPARE(result.result.value(u"slept_ms"_s).toInt(), 300);
        QCOMPARE(run.context().percent(), 100.0);
        QCOMPARE(run.context().counters().value(u"slept_ms"_s).toInt(), 300);
    }

    void sleepStopsPromptlyOnCancel()
    {
        HandlerRun run(m_registry, u"sleep"_s, {{u"ms"_s, 60000}});
        QVERIFY(QTest::qWaitFor([&] { return run.context().percent() >= 0; }, 5000));
        QVERIFY(run.cancelAndWait() < 1000);
        QCOMPARE(run.result().outcome, HandlerResult::Outcome::Cancelled);
    }

    void failUsesMessageAndPermanence()
    {
        HandlerResult result = runHandler(m_registry, u"fail"_s, {});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QCOMPARE(result.error, u"failed on purpose"_s);
        QVERIFY(!result.permanent);
        result = runHandler(m_registry, u"fail"_s, {{u"message"_s, u"no such customer"_s}, {u"permanent"_s, true}});
        QCOMPARE(result.error, u"no such customer"_s);
        QVERIFY(result.permanent);
    }

    void badPayloadsFailPermanently_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("payload");
        QTest::addColumn<QString>("key");
        QTest::newRow("sleep without ms") << u"sleep"_s << QJsonObject() << u"\"ms\""_s;
        QTest::newRow("sleep negative") << u"sleep"_s << QJsonObject{{u"ms"_s, -5}} << u"\"ms\""_s;
        QTest::newRow("sleep text") << u"sleep"_s << QJsonObject{{u"ms"_s, u"100"_s}} << u"\"ms\""_s;
        QTest::newRow("sleep fraction") << u"sleep"_s << QJsonObject{{u"ms"_s, 1.5}} << u"\"ms\""_s;
        QTest::newRow("fail permanent") << u"fail"_s << QJsonObject{{u"permanent"_s, u"yes"_s}} << u"\"permanent\""_s;
        QTest::newRow("fail message") << u"fail"_s << QJsonObject{{u"message"_s, 3}} << u"\"message\""_s;
        QTest::newRow("command program") << u"command"_s << QJsonObject() << u"\"program\""_s;
        QTest::newRow("command args")
            << u"command"_s << QJsonObject{{u"program"_s, u"/bin/echo"_s}, {u"args"_s, QJsonArray{1, 2}}} << u"\"args\""_s;
        QTest::newRow("command stdin")
            << u"command"_s << QJsonObject{{u"program"_s, u"/bin/echo"_s}, {u"stdin"_s, QJsonArray()}} << u"\"stdin\""_s;
        QTest::newRow("command timeout")
            << u"command"_s << QJsonObject{{u"program"_s, u"/bin/echo"_s}, {u"timeout_ms"_s, -1}} << u"\"timeout_ms\""_s;
        // A payload may ask for less than the operator's limit (an hour by
        // default), never more and never none: both used to be taken.
        QTest::newRow("command without a timeout")
            << u"command"_s << QJsonObject{{u"program"_s, u"/bin/echo"_s}, {u"timeout_ms"_s, 0}} << u"\"timeout_ms\""_s;
        QTest::newRow("command past the operator's timeout")
            << u"command"_s << QJsonObject{{u"program"_s, u"/bin/echo"_s}, {u"timeout_ms"_s, 3600001}}
            << u"\"timeout_ms\""_s;
        QTest::newRow("command cwd") << u"command"_s
                                     << QJsonObject{{u"program"_s, u"/bin/echo"_s}, {u"cwd"_s, u"/no/such/folder"_s}}
                                     << u"\"cwd\""_s;
    }

    void badPayloadsFailPermanently()
    {
        QFETCH(QString, type);
        QFETCH(QJsonObject, payload);
        QFETCH(QString, key);
        const HandlerResult result = runHandler(m_registry, type, payload);
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(result.permanent);
        QVERIFY2(result.error.contains(key), qPrintable(result.error));
    }

    void commandIsOffByDefault()
    {
        const HandlerResult result = runHandler(m_disabled, u"command"_s, {{u"program"_s, u"/bin/echo"_s}});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(result.permanent);
        QVERIFY2(result.error.contains(u"disabled in this worker's configuration"_s), qPrintable(result.error));
    }

    void commandRunsAProgram()
    {
        const HandlerResult result = runHandler(
            m_registry, u"command"_s,
            {{u"program"_s, u"/bin/echo"_s}, {u"args"_s, QJsonArray{u"hello"_s, u"it's $HOME; `no shell`"_s}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.result.value(u"exit_code"_s).toInt(), 0);
        QCOMPARE(result.result.value(u"stdout"_s).toString(), u"hello it's $HOME; `no shell`\n"_s);
        QCOMPARE(result.result.value(u"stderr"_s).toString(), QString());
    }

    // A child sees nothing of the worker's secrets: not its environment
    // (QUEUEDESK_DSN with a password, PGPASSWORD) and not its descriptors
    // (database sockets, the signal pipe). Before, printenv put the DSN into
    // the job's result, and tee /proc/self/fd/6 drained the worker.
    void commandChildrenGetNoneOfTheWorkersSecrets()
    {
        qputenv("QUEUEDESK_DSN", "postgres://queuedesk:s3cret@db/queuedesk");
        qputenv("PGPASSWORD", "s3cret");
        const int inherited = ::open("/dev/null", O_RDONLY);   // no O_CLOEXEC: a child would inherit it
        QVERIFY(inherited > 2);
        const HandlerResult env = runHandler(m_registry, u"command"_s, {{u"program"_s, u"printenv"_s}});
        const HandlerResult fds = runHandler(m_registry, u"command"_s,
                                             {{u"program"_s, u"dir"_s}, {u"args"_s, QJsonArray{u"-1"_s, u"/proc/self/fd"_s}}});
        ::close(inherited);
        qunsetenv("QUEUEDESK_DSN");
        qunsetenv("PGPASSWORD");
        QVERIFY2(env.ok(), qPrintable(env.error));
        const QString environment = env.result.value(u"stdout"_s).toString();
        QVERIFY2(!environment.contains(u"s3cret"_s) && !environment.contains(u"QUEUEDESK"_s), qPrintable(environment));
        QVERIFY2(environment.contains(u"PATH="_s), qPrintable(environment));
        QVERIFY2(fds.ok(), qPrintable(fds.error));
        // 0, 1 and 2, and the one dir opened to read the folder.
        QCOMPARE(fds.result.value(u"stdout"_s).toString().split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{u"0"_s, u"1"_s, u"2"_s, u"3"_s}));
    }

    void commandFindsAllowedProgramsByNameOrPath()
    {
        // "echo" is found in PATH and is the same file as the allowed /bin/echo.
        HandlerResult result = runHandler(m_registry, u"command"_s,
                                          {{u"program"_s, u"echo"_s}, {u"args"_s, QJsonArray{u"by name"_s}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.result.value(u"stdout"_s).toString(), u"by name\n"_s);
        result = runHandler(m_registry, u"command"_s,
                            {{u"program"_s, u"/bin/sh"_s}, {u"args"_s, QJsonArray{u"-c"_s, u"pwd"_s}}, {u"cwd"_s, u"/tmp"_s}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.result.value(u"stdout"_s).toString(), u"/tmp\n"_s);
    }

    void commandRefusesWhatIsNotAllowed_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("expected");
        QTest::newRow("absolute") << u"/usr/bin/env"_s << u"not allowed"_s;
        QTest::newRow("name") << u"env"_s << u"not allowed"_s;
        QTest::newRow("missing") << u"/bin/no-such-program-qd"_s << u"not allowed"_s;
        QTest::newRow("relative") << u"./echo"_s << u"absolute path"_s;
        QTest::newRow("allowed but absent") << u"no-such-program-qd"_s << u"not found"_s;
    }

    void commandRefusesWhatIsNotAllowed()
    {
        QFETCH(QString, program);
        QFETCH(QString, expected);
        const HandlerResult result = runHandler(m_registry, u"command"_s, {{u"program"_s, program}});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(result.permanent);
        QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    }

    void commandNonZeroExitIsARetryableFailure()
    {
        const HandlerResult result = runHandler(
            m_registry, u"command"_s,
            {{u"program"_s, u"/bin/sh"_s}, {u"args"_s, QJsonArray{u"-c"_s, u"echo out; echo 'disk full' >&2; exit 3"_s}}});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(!result.permanent);
        QVERIFY2(result.error.contains(u"exited with code 3"_s), qPrintable(result.error));
        QVERIFY2(result.error.contains(u"disk full"_s), qPrintable(result.error));
        QCOMPARE(result.result.value(u"exit_code"_s).toInt(), 3);
        QCOMPARE(result.result.value(u"stdout"_s).toString(), u"out\n"_s);
        QCOMPARE(result.result.value(u"stderr"_s).toString(), u"disk full\n"_s);
    }

    void commandFeedsStdinAndClosesItOtherwise()
    {
        const QJsonArray script{u"-c"_s, u"read line; echo \"got $line\"; cat"_s};
        HandlerResult result = runHandler(m_registry, u"command"_s,
                                          {{u"program"_s, u"sh"_s}, {u"args"_s, script}, {u"stdin"_s, u"ping\nrest\n"_s}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.result.value(u"stdout"_s).toString(), u"got ping\nrest\n"_s);
        // Without "stdin" the program reads end-of-file at once instead of hanging.
        result = runHandler(m_registry, u"command"_s,
                            {{u"program"_s, u"sh"_s}, {u"args"_s, script}, {u"timeout_ms"_s, 10000}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.result.value(u"stdout"_s).toString(), u"got \n"_s);
    }

    void commandKeepsOnlyTheTailOfLongOutput()
    {
        const HandlerResult result = runHandler(
            m_registry, u"command"_s,
            {{u"program"_s, u"sh"_s}, {u"args"_s, QJsonArray{u"-c"_s, u"i=0; while [ $i -lt 20000 ]; do echo line-$i; "
                                                                      u"i=$((i+1)); done"_s}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QString out = result.result.value(u"stdout"_s).toString();
        QCOMPARE(out.size(), 64 * 1024);
        QVERIFY(out.endsWith(u"line-19999\n"_s));
        QVERIFY(result.result.value(u"stdout_bytes"_s).toInteger() > 64 * 1024);
    }

    void commandTimesOut()
    {
        QElapsedTimer timer;
        timer.start();
        // The shell prints its child's pid: the child must die with the shell.
        const HandlerResult result = runHandler(
            m_registry, u"command"_s,
            {{u"program"_s, u"sh"_s}, {u"args"_s, QJsonArray{u"-c"_s, u"/bin/sleep 30 & echo $!; wait"_s}}, {u"timeout_ms"_s, 300}});
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(!result.permanent);
        QVERIFY2(result.error.contains(u"did not finish within 300 ms"_s), qPrintable(result.error));
        bool isNumber = false;
        const qint64 childPid = result.result.value(u"stdout"_s).toString().trimmed().toLongLong(&isNumber);
        QVERIFY(isNumber);
        QTRY_VERIFY(!isRunning(childPid));
    }

    void commandIsKilledOnCancel()
    {
        HandlerRun run(m_registry, u"command"_s, {{u"program"_s, u"/bin/sleep"_s}, {u"args"_s, QJsonArray{u"30"_s}}});
        QVERIFY(QTest::qWaitFor([&] { return !run.logLines().isEmpty(); }, 5000));
        QVERIFY(run.logLines().first().startsWith(u"started /bin/sleep"_s));
        QVERIFY(run.cancelAndWait() < 2000);
        QCOMPARE(run.result().outcome, HandlerResult::Outcome::Cancelled);
    }

private:
    // Gone, or a zombie waiting for init to reap it.
    static bool isRunning(qint64 pid)
    {
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        return close > 0 && close + 2 < line.size() && line.at(close + 2) != 'Z' && line.at(close + 2) != 'X';
    }

    HandlerRegistry m_registry;
    HandlerRegistry m_disabled;
};

QTEST_GUILESS_MAIN(TestHandlers)
#include "tst_handlers.moc"
