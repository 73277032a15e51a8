#include "pgbench.h"

#include "benchserver.h"
#include "db/localcluster.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace QueueDesk::Bench {

Result<QString> Pgbench::program()
{
    const QString fromEnv = qEnvironmentVariable("QUEUEDESK_PGBENCH");
    if (!fromEnv.isEmpty())
        return fromEnv;
    if (auto bin = LocalCluster::findBinDir(); bin && QFileInfo::exists(bin.value() + u"/pgbench"_s))
        return QString(bin.value() + u"/pgbench"_s);
    const QString onPath = QStandardPaths::findExecutable(u"pgbench"_s);
    if (!onPath.isEmpty())
        return onPath;
    return Error(Error::Code::NotFound, u"pgbench was not found."_s, u"install postgresql-15 or set QUEUEDESK_PGBENCH"_s);
}

QString Pgbench::scriptPath(const QString &script)
{
    const QString dir = qEnvironmentVariable("QUEUEDESK_BENCH_SQL_DIR", QString::fromUtf8(QUEUEDESK_BENCH_SQL_DIR));
    return dir + u'/' + script;
}

Result<Pgbench::Outcome> Pgbench::run(const BenchServer &server, const QString &database, const Run &run)
{
    auto pgbench = program();
    if (!pgbench)
        return pgbench.error();
    QStringList args{u"-n"_s, u"-M"_s, u"prepared"_s, u"-c"_s, QString::number(run.clients),
                     u"-j"_s, QString::number(qMin(run.clients, 2)), u"-T"_s, QString::number(run.seconds),
                     u"-P"_s, u"1"_s, u"-f"_s, scriptPath(run.script)};
    for (const QString &define : run.defines)
        args << u"-D"_s << define;
    args += server.clientArgs(database);
    QProcess process;
    process.setProcessEnvironment(server.clientEnvironment());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(pgbench.value(), args);
    if (!process.waitForFinished((run.seconds + 120) * 1000) || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(5000);
        return Error(Error::Code::Database, u"pgbench failed."_s,
                     QString::fromLocal8Bit(process.readAll()).right(2000));
    }
    Outcome outcome = parse(QString::fromLocal8Bit(process.readAll()));
    if (outcome.tps <= 0)
        return Error(Error::Code::Database, u"pgbench printed no tps."_s, outcome.output.right(2000));
    return outcome;
}

Pgbench::Outcome Pgbench::parse(const QString &output)
{
    static const QRegularExpression tps(u"^tps = ([0-9.]+)"_s, QRegularExpression::MultilineOption);
    static const QRegularExpression latency(u"^latency average = ([0-9.]+) ms"_s, QRegularExpression::MultilineOption);
    static const QRegularExpression processed(u"^number of transactions actually processed: (\\d+)"_s,
                                              QRegularExpression::MultilineOption);
    static const QRegularExpression progress(u"^progress: [0-9.]+ s, ([0-9.]+) tps"_s, QRegularExpression::MultilineOption);
    Outcome outcome;
    outcome.output = output;
    outcome.tps = tps.match(output).captured(1).toDouble();
    outcome.latencyMs = latency.match(output).captured(1).toDouble();
    outcome.transactions = processed.match(output).captured(1).toLongLong();
    for (auto it = progress.globalMatch(output); it.hasNext();)
        outcome.progressTps.append(it.next().captured(1).toDouble());
    return outcome;
}

QString Pgbench::curve(const Outcome &outcome, int batch)
{
    const QList<double> &p = outcome.progressTps;
    if (p.size() < 4)
        return u"-"_s;
    const double first = (p.at(0) + p.at(1)) / 2 * batch;
    const double last = (p.at(p.size() - 1) + p.at(p.size() - 2)) / 2 * batch;
    return u"%1->%2"_s.arg(qRound64(first)).arg(qRound64(last));
}

} // namespace QueueDesk::Bench
