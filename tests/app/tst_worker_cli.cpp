// queuedesk-worker's subcommands as an operator runs them: output, exit codes.
#include "db/database.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

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
        QCOMPARE(run({u"run"_s, u"--queues"_s, u"default:0"_s}).code, 1);
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
        if (!args.isEmpty() && !args.first().startsWith(u"--") && args.first() != u"frobnicate")
            all << u"--dsn"_s << dsn;
        process.start(QString::fromUtf8(QUEUEDESK_WORKER_BIN), all);
        process.waitForStarted();
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(30000);
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QVariant scalar(const QString &sql)
    {
        auto q = Database::exec(m_db, sql);
        return q && q.value().next() ? q.value().value(0) : QVariant();
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
};

QTEST_GUILESS_MAIN(TestWorkerCli)
#include "tst_worker_cli.moc"
