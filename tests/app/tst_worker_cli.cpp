// queuedesk-worker's subcommands as an operator runs them: output, exit codes.
#include "db/database.h"
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

class TestWorkerCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_worker_cli"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
    }

    void helpAndUsage()
    {
        QCOMPARE(run({u"--help"_s}).code, 0);
        QVERIFY(run({u"--help"_s}).out.contains(u"requeue-failed"_s));
        QCOMPARE(run({u"frobnicate"_s}).code, 2);
        QCOMPARE(run({u"run"_s, u"--queues"_s, u"default:0"_s}).code, 2);
        // Where a password may go instead of the command line.
        const QString help = run({u"run"_s, u"--help"_s}).out;
        QVERIFY2(help.contains(u"ps"_s) && help.contains(u"--dsn-file"_s) && help.contains(u".pgpass"_s), qPrintable(help));
        QVERIFY(run({u"--help"_s}).out.contains(u"--dsn-file"_s));
    }

    // Each bad value is a usage error (exit 2) found before connecting, and
    // the message names the flag and the allowed range. Before the fix most
    // of these started a worker (batch 0 crashed it, zero intervals spun,
    // --lease 2147484 overflowed into no heartbeats, 100,000 executors
    // started 1,400 threads) or enqueued at priority 0 with exit 0.
    void badOptionValuesAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("names");
        auto row = [](const char *name, const QStringList &args, const QString &names) {
            QTest::newRow(name) << args << names;
        };
        const QString run = u"run"_s;
        row("batch 0", {run, u"--batch-size"_s, u"0"_s}, u"--batch-size must be a whole number from 1 to 1000"_s);
        row("batch overflow", {run, u"--batch-size"_s, u"9223372036854775808"_s}, u"--batch-size"_s);
        row("batch garbage", {run, u"--batch-size"_s, u"12abc"_s}, u"--batch-size"_s);
        row("batch spaces", {run, u"--batch-size"_s, u" 12"_s}, u"--batch-size"_s);
        row("lease 0", {run, u"--lease"_s, u"0"_s}, u"--lease must be a whole number from 2 to 86400"_s);
        row("lease overflow ms", {run, u"--lease"_s, u"2147484"_s}, u"--lease"_s);
        row("poll 0", {run, u"--poll-interval"_s, u"0"_s}, u"--poll-interval must be a whole number from 50 to 600000"_s);
        row("poll garbage", {run, u"--poll-interval"_s, u"abc"_s}, u"--poll-interval"_s);
        row("heartbeat over half lease", {run, u"--lease"_s, u"10"_s, u"--heartbeat-interval"_s, u"6000"_s},
            u"--heartbeat-interval must be at most half the lease (--lease"_s);
        row("heartbeat 0", {run, u"--heartbeat-interval"_s, u"0"_s}, u"--heartbeat-interval"_s);
        row("shutdown negative", {run, u"--shutdown-timeout"_s, u"-1"_s},
            u"--shutdown-timeout must be a whole number from 0 to 3600000"_s);
        row("queue 0", {run, u"--queues"_s, u"default:0"_s}, u"--queues (queue \"default\") must be a whole number from 1 to 256"_s);
        row("queue 100000", {run, u"--queues"_s, u"default:100000"_s}, u"from 1 to 256"_s);
        row("queue garbage", {run, u"--queues"_s, u"default:many"_s}, u"--queues"_s);
        row("queue twice", {run, u"--queues"_s, u"default:2,default:3"_s}, u"given twice"_s);
        row("queues over 1024 in all", {run, u"--queues"_s, u"a:256,b:256,c:256,d:256,e:1"_s},
            u"--queues (all queues) must be from 1 to 1024, not 1025"_s);
        row("config missing", {run, u"--config"_s, u"/nonexistent/worker.ini"_s}, u"/nonexistent/worker.ini"_s);
        const QString enqueue = u"enqueue"_s;
        row("priority overflow", {enqueue, u"--type"_s, u"noop"_s, u"--priority"_s, u"9223372036854775808"_s},
            u"--priority must be a whole number from -1000000 to 1000000"_s);
        row("priority garbage", {enqueue, u"--type"_s, u"noop"_s, u"--priority"_s, u"abc"_s}, u"--priority"_s);
        row("delay negative", {enqueue, u"--type"_s, u"noop"_s, u"--delay"_s, u"-1"_s}, u"--delay must be a number from 0 to"_s);
        row("delay exponent", {enqueue, u"--type"_s, u"noop"_s, u"--delay"_s, u"1e9"_s}, u"--delay"_s);
        row("max attempts 0", {enqueue, u"--type"_s, u"noop"_s, u"--max-attempts"_s, u"0"_s},
            u"--max-attempts must be a whole number from 1 to 1000"_s);
        row("run-at garbage", {enqueue, u"--type"_s, u"noop"_s, u"--run-at"_s, u"soon"_s}, u"--run-at"_s);
        row("delay and run-at", {enqueue, u"--type"_s, u"noop"_s, u"--delay"_s, u"5"_s, u"--run-at"_s,
                                 u"2030-01-01T00:00:00Z"_s}, u"--delay or --run-at"_s);
        row("no type", {enqueue}, u"--type"_s);
        const QStringList add{u"schedule"_s, u"add"_s, u"--name"_s, u"n"_s, u"--cron"_s, u"* * * * *"_s, u"--type"_s, u"noop"_s};
        row("schedule priority", add + QStringList{u"--priority"_s, u"99999999999"_s}, u"--priority must be a whole number"_s);
        row("schedule missed", add + QStringList{u"--missed"_s, u"sometimes"_s}, u"--missed"_s);
    }

    void badOptionValuesAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, names);
        const qint64 jobs = scalar(u"SELECT count(*) FROM queuedesk.jobs"_s).toLongLong();
        const Output result = run(args);
        QVERIFY2(result.code == 2, qPrintable(u"exit %1: %2"_s.arg(result.code).arg(result.err)));
        QVERIFY2(result.err.contains(names), qPrintable(result.err));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs"_s).toLongLong(), jobs);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.schedules"_s).toInt(), 0);
    }

    // The same rules for the INI file, named by key, group and file.
    void badConfigValuesAreUsageErrors_data()
    {
        QTest::addColumn<QString>("ini");
        QTest::addColumn<QString>("names");
        QTest::newRow("batch 0") << u"[worker]\nbatch_size = 0\n"_s << u"batch_size in [worker] of"_s;
        QTest::newRow("lease 0") << u"[worker]\nlease_seconds = 0\n"_s << u"lease_seconds in [worker] of"_s;
        QTest::newRow("poll 0") << u"[worker]\npoll_interval_ms = 0\n"_s << u"poll_interval_ms in [worker] of"_s;
        QTest::newRow("batch garbage") << u"[worker]\nbatch_size = lots\n"_s << u"batch_size in [worker]"_s;
        QTest::newRow("batch list") << u"[worker]\nbatch_size = 1, 2\n"_s << u"batch_size in [worker]"_s;
        QTest::newRow("queues 100000") << u"[worker]\nqueues = default:100000\n"_s
                                       << u"queues in [worker] of"_s;
        QTest::newRow("heartbeat") << u"[worker]\nlease_seconds = 10\nheartbeat_interval_ms = 9000\n"_s
                                   << u"heartbeat_interval_ms in [worker]"_s;
        QTest::newRow("shutdown") << u"[worker]\nshutdown_timeout_ms = 99999999999\n"_s
                                  << u"shutdown_timeout_ms in [worker]"_s;
        QTest::newRow("http 0") << u"[handlers]\nhttp_timeout_ms = 0\n"_s << u"http_timeout_ms in [handlers]"_s;
        QTest::newRow("command timeout") << u"[handlers]\ncommand_timeout_ms = -5\n"_s
                                         << u"command_timeout_ms in [handlers]"_s;
        QTest::newRow("bool") << u"[handlers]\ncommand_enabled = maybe\n"_s << u"command_enabled in [handlers]"_s;
        QTest::newRow("typo") << u"[worker]\nbatchsize = 5\n"_s << u"worker/batchsize"_s;
        QTest::newRow("flag names the flag") << u"[worker]\nlease_seconds = 60\n"_s << u"--lease"_s;
    }

    void badConfigValuesAreUsageErrors()
    {
        QFETCH(QString, ini);
        QFETCH(QString, names);
        const QString file = writeFile(u"worker.ini"_s, ini.toUtf8(), QFile::ReadOwner | QFile::WriteOwner);
        QStringList args{u"run"_s, u"--config"_s, file};
        if (QByteArray(QTest::currentDataTag()) == "flag names the flag")
            args << u"--lease"_s << u"0"_s;
        const Output result = run(args);
        QVERIFY2(result.code == 2, qPrintable(u"exit %1: %2"_s.arg(result.code).arg(result.err)));
        QVERIFY2(result.err.contains(names), qPrintable(result.err));
    }

    // The edges of every range are allowed, and "no" is false: QVariant read
    // command_enabled = no as true, and this job ran.
    void boundaryValuesStartAWorker()
    {
        Output added = run({u"enqueue"_s, u"--type"_s, u"command"_s, u"--payload"_s, u"{\"program\":\"/bin/true\"}"_s,
                            u"--max-attempts"_s, u"1"_s});
        QCOMPARE(added.code, 0);
        const qint64 id = added.out.trimmed().toLongLong();
        const QString file = writeFile(u"edges.ini"_s, "[worker]\nqueues = default:256, other:256, third:256, fourth:256\n"
                                       "batch_size = 1000\nlease_seconds = 2\nheartbeat_interval_ms = 1000\n"
                                       "poll_interval_ms = 50\nshutdown_timeout_ms = 0\n"
                                       "[handlers]\ncommand_enabled = no\ncommand_allow = /bin/true\nhttp_timeout_ms = 1\n",
                                       QFile::ReadOwner | QFile::WriteOwner);
        const QString finished = u"SELECT count(*) FROM queuedesk.jobs WHERE id = %1 AND state <> 'waiting' "
                                 u"AND state <> 'active'"_s.arg(id);
        const QString log = runUntil({u"run"_s, u"--config"_s, file}, [&] { return scalar(finished).toInt() == 1; });
        QVERIFY2(log.contains(u"on default:256,fourth:256,other:256,third:256"_s), qPrintable(log));
        // ps shows no DSN: the password it may hold stays out of /proc/PID/cmdline.
        QVERIFY2(m_cmdline.contains(u"--dsn xxxx"_s) && !m_cmdline.contains(u"dbname="_s), qPrintable(m_cmdline));
        QCOMPARE(scalar(u"SELECT state FROM queuedesk.jobs WHERE id = %1"_s.arg(id)).toString(), u"failed"_s);
        QVERIFY(scalar(u"SELECT errors::text FROM queuedesk.jobs WHERE id = %1"_s.arg(id)).toString().contains(u"disabled"_s));
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.jobs WHERE id = %1"_s.arg(id)).ok());
    }

    // A DSN's errors name the problem, never the string: it may hold a password.
    void badDsnNeverShowsThePassword_data()
    {
        QTest::addColumn<QString>("dsn");
        QTest::addColumn<QString>("names");
        QTest::newRow("unquoted space") << u"host=/tmp user=u password=hunter2 s3cret"_s << u"not valid"_s;
        QTest::newRow("unterminated quote") << u"host=/tmp password='hunter2 s3cret"_s << u"not valid"_s;
        QTest::newRow("bad uri port") << u"postgres://u:hunter2s3cret@db.example:port/x"_s << u"port"_s;
        QTest::newRow("bad percent") << u"postgres://u:hunter2%zzs3cret@db.example/x"_s << u"not valid"_s;
        // Not even the keyword: in "password=a b=c" it would be b.
        QTest::newRow("unknown option") << u"host=/tmp password=hunter2 s3cret=1"_s << u"invalid connection option"_s;
        QTest::newRow("bad sslmode") << u"host=/tmp password=hunter2s3cret sslmode=sometimes"_s << u"sslmode"_s;
        QTest::newRow("option injection") << u"host=/tmp password=hunter2s3cret application_name=x;dbname=other"_s
                                          << u"application_name"_s;
    }

    void badDsnNeverShowsThePassword()
    {
        QFETCH(QString, dsn);
        QFETCH(QString, names);
        const Output result = run({u"stats"_s}, {}, dsn);
        QVERIFY2(result.code == 2, qPrintable(u"exit %1: %2"_s.arg(result.code).arg(result.err)));
        QVERIFY2(result.err.contains(names), qPrintable(result.err));
        QVERIFY2(result.err.contains(u"--dsn"_s), qPrintable(result.err));
        QVERIFY2(!result.err.contains(u"hunter2"_s) && !result.err.contains(u"s3cret"_s), qPrintable(result.err));
    }

    // --dsn-file keeps the DSN out of ps; a file other users may read is
    // refused, one its group may read works with a warning.
    void dsnFromAFile()
    {
        const QByteArray content = "# the queue's database\n\n" + dsnFor(m_settings).toUtf8() + "\n";
        const QString own = writeFile(u"own.dsn"_s, content, QFile::ReadOwner | QFile::WriteOwner);
        Output ok = run({u"stats"_s, u"--dsn-file"_s, own});
        QVERIFY2(ok.code == 0, qPrintable(ok.err));
        QVERIFY(ok.out.contains(u"default"_s));
        QVERIFY2(!ok.err.contains(u"group"_s), qPrintable(ok.err));

        const QString group = writeFile(u"group.dsn"_s, content, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
        Output warned = run({u"stats"_s, u"--dsn-file"_s, group});
        QVERIFY2(warned.code == 0, qPrintable(warned.err));
        QVERIFY2(warned.err.contains(u"group"_s), qPrintable(warned.err));

        const QString world = writeFile(u"world.dsn"_s, content,
                                        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        Output refused = run({u"stats"_s, u"--dsn-file"_s, world});
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains(u"chmod o-rwx"_s), qPrintable(refused.err));

        const QString empty = writeFile(u"empty.dsn"_s, "# nothing\n", QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(run({u"stats"_s, u"--dsn-file"_s, empty}).code, 2);
        QCOMPARE(run({u"stats"_s, u"--dsn-file"_s, m_tmp.filePath(u"missing.dsn"_s)}).code, 2);
        Output both = run({u"stats"_s, u"--dsn-file"_s, own, u"--dsn"_s, dsnFor(m_settings)});
        QCOMPARE(both.code, 2);
        QVERIFY2(both.err.contains(u"not both"_s), qPrintable(both.err));
    }

    void enqueueFromFlags()
    {
        Output added = run({u"enqueue"_s, u"--type"_s, u"http"_s, u"--payload"_s, u"{\"url\":\"https://x\"}"_s,
                            u"--priority"_s, u"5"_s, u"--store"_s, u"s1"_s, u"--delay"_s, u"60"_s});
        QCOMPARE(added.code, 0);
        const qint64 id = added.out.trimmed().toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(scalar(u"SELECT state || ':' || priority || ':' || store FROM queuedesk.jobs WHERE id = %1"_s.arg(id)),
                 u"scheduled:5:s1"_s);
        Output bad = run({u"enqueue"_s, u"--type"_s, u"x"_s, u"--payload"_s, u"{oops"_s});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.contains(u"not valid JSON"_s));
        Output unknown = run({u"enqueue"_s, u"--type"_s, u"x"_s, u"--queue"_s, u"nope"_s});
        QCOMPARE(unknown.code, 1);
        QVERIFY(unknown.err.contains(u"nope"_s));
    }

    void enqueueJsonLinesAllOrNothing()
    {
        const qint64 before = scalar(u"SELECT count(*) FROM queuedesk.jobs"_s).toLongLong();
        Output bad = run({u"enqueue"_s, u"--stdin"_s}, "{\"type\":\"noop\"}\n{\"type\":\"noop\",\"payload\":[1]}\n");
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains(u"Line 2"_s), qPrintable(bad.err));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs"_s).toLongLong(), before);
        Output good = run({u"enqueue"_s, u"--stdin"_s},
                          "{\"type\":\"noop\"}\n\n{\"type\":\"fail\",\"payload\":{\"a\":1},\"store\":\"t\"}\n");
        QCOMPARE(good.code, 0);
        QVERIFY(good.out.contains(u"2 jobs enqueued"_s));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs"_s).toLongLong(), before + 2);
    }

    void statsAndRequeue()
    {
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.jobs (queue, type, state, attempts, finished_at, errors) "
                                     u"SELECT 'default', 'fail', 'failed', 5, now(), "
                                     u"'[{\"message\": \"boom\"}]' FROM generate_series(1, 7)"_s).ok());
        Output stats = run({u"stats"_s, u"--json"_s});
        QCOMPARE(stats.code, 0);
        const QJsonArray rows = QJsonDocument::fromJson(stats.out.toUtf8()).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0)[u"failed"_s][u"value"_s].toInt(), 7);
        Output requeued = run({u"requeue-failed"_s, u"--error"_s, u"boom"_s});
        QCOMPARE(requeued.code, 0);
        QVERIFY2(requeued.out.contains(u"7"_s), qPrintable(requeued.out));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs WHERE state = 'failed'"_s).toInt(), 0);
        QVERIFY(run({u"stats"_s}).out.contains(u"default"_s));
    }

    void schedules()
    {
        Output bad = run({u"schedule"_s, u"add"_s, u"--name"_s, u"nightly"_s, u"--cron"_s, u"0 25 * * *"_s,
                          u"--type"_s, u"noop"_s});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains(u"hour"_s), qPrintable(bad.err));
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.schedules"_s).toInt(), 0);
        Output added = run({u"schedule"_s, u"add"_s, u"--name"_s, u"nightly"_s, u"--cron"_s, u"30 2 * * *"_s,
                            u"--timezone"_s, u"Europe/Athens"_s, u"--type"_s, u"noop"_s});
        QCOMPARE(added.code, 0);
        Output listed = run({u"schedule"_s, u"list"_s, u"--json"_s});
        QCOMPARE(listed.code, 0);
        QVERIFY2(listed.out.contains(u"nightly"_s) && listed.out.contains(u"Europe/Athens"_s), qPrintable(listed.out));
        const qint64 before = scalar(u"SELECT count(*) FROM queuedesk.jobs"_s).toLongLong();
        QCOMPARE(run({u"schedule"_s, u"trigger"_s, u"nightly"_s}).code, 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.jobs"_s).toLongLong(), before + 1);
        QCOMPARE(run({u"schedule"_s, u"disable"_s, u"nightly"_s}).code, 0);
        QCOMPARE(scalar(u"SELECT enabled FROM queuedesk.schedules WHERE name = 'nightly'"_s).toBool(), false);
        QCOMPARE(run({u"schedule"_s, u"remove"_s, u"nightly"_s}).code, 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM queuedesk.schedules"_s).toInt(), 0);
        QCOMPARE(run({u"schedule"_s, u"trigger"_s, u"nightly"_s}).code, 1);
    }

    void schemaAndConnectionProblems()
    {
        auto bare = TestDatabase::create(u"qdtest_worker_cli_bare"_s, false);
        QVERIFY(bare.ok());
        Output missing = run({u"stats"_s}, {}, dsnFor(bare.value()));
        QCOMPARE(missing.code, 4);
        QVERIFY(missing.err.contains(u"migrate"_s));
        QCOMPARE(run({u"migrate"_s}, {}, dsnFor(bare.value())).code, 0);
        QCOMPARE(run({u"stats"_s}, {}, dsnFor(bare.value())).code, 0);
        QVERIFY(Database::exec(m_db, u"INSERT INTO queuedesk.migrations (version, name) VALUES (999, 'future')"_s).ok());
        Output newer = run({u"stats"_s});
        QCOMPARE(newer.code, 4);
        QVERIFY(newer.err.contains(u"newer"_s));
        QVERIFY(Database::exec(m_db, u"DELETE FROM queuedesk.migrations WHERE version = 999"_s).ok());
        Output unreachable = run({u"stats"_s}, {}, u"host=/nonexistent-socket-dir user=nobody dbname=x"_s);
        QCOMPARE(unreachable.code, 3);
        QVERIFY(unreachable.err.contains(u"connect"_s));
    }

private:
    struct Output
    {
        int code = -1;
        QString out;
        QString err;
    };

    QString dsnFor(const ConnectionSettings &s) const
    {
        return u"host=%1 port=%2 dbname=%3 user=%4"_s.arg(s.host).arg(s.port).arg(s.database, s.user)
               + (s.password.isEmpty() ? QString() : u" password="_s + s.password);
    }

    Output run(const QStringList &args, const QByteArray &input = {}, QString dsn = {})
    {
        if (dsn.isEmpty())
            dsn = dsnFor(m_settings);
        QProcess process;
        QStringList all = args;
        if (!args.isEmpty() && !args.first().startsWith(u"--") && args.first() != u"frobnicate"
            && !args.contains(u"--dsn-file"_s) && !args.contains(u"--dsn"_s))
            all << u"--dsn"_s << dsn;
        process.start(QString::fromUtf8(QUEUEDESK_WORKER_BIN), all);
        process.waitForStarted();
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(30000);
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QString writeFile(const QString &name, const QByteArray &content, QFile::Permissions permissions)
    {
        const QString path = m_tmp.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        file.close();
        file.setPermissions(permissions);
        return path;
    }

    // Starts `queuedesk-worker run`, waits for its "starting worker" line and
    // then for done, drains it with SIGTERM; returns what it logged.
    QString runUntil(const QStringList &args, const std::function<bool()> &done)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QString::fromUtf8(QUEUEDESK_WORKER_BIN), args + QStringList{u"--dsn"_s, dsnFor(m_settings)});
        QString log;
        const bool started = QTest::qWaitFor([&] {
            log += QString::fromUtf8(process.readAll());
            return (log.contains(u"starting worker"_s) && done()) || process.state() == QProcess::NotRunning;
        }, 30000);
        QFile cmdline(u"/proc/%1/cmdline"_s.arg(process.processId()));
        m_cmdline = cmdline.open(QIODevice::ReadOnly) ? QString::fromUtf8(cmdline.readAll().replace('\0', ' ')) : QString();
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGTERM);
            process.waitForFinished(30000);
        }
        log += QString::fromUtf8(process.readAll());
        if (!started || process.exitCode() != 0)
            return u"exit %1: "_s.arg(process.exitCode()) + log;
        return log;
    }

    QVariant scalar(const QString &sql)
    {
        auto q = Database::exec(m_db, sql);
        return q && q.value().next() ? q.value().value(0) : QVariant();
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
    QTemporaryDir m_tmp;
    QString m_cmdline;   // the last runUntil() worker's, as ps shows it
};

QTEST_GUILESS_MAIN(TestWorkerCli)
#include "tst_worker_cli.moc"
