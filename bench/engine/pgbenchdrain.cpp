#include "pgbenchdrain.h"

#include "benchhandlers.h"
#include "benchtable.h"
#include "cpusample.h"
#include "db/localcluster.h"
#include "server.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace QueueDesk::EngineBench {

namespace {

Result<QString> pgbenchProgram()
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

QStringList arguments(const PgbenchDrain::Config &config)
{
    const qint64 perClient = (config.jobs + qint64(config.batch) * config.clients - 1) / (qint64(config.batch) * config.clients);
    return {u"-n"_s, u"-M"_s, config.protocol, u"-c"_s, QString::number(config.clients), u"-j"_s,
            QString::number(qMin(config.clients, 2)), u"-t"_s, QString::number(perClient + 10), u"-f"_s,
            PgbenchDrain::scriptPath(), u"-D"_s, u"b=%1"_s.arg(config.batch), u"-D"_s, u"floored=0"_s, u"-D"_s, u"fprio=0"_s, u"-D"_s, u"fseq=0"_s};
}

} // namespace

QString PgbenchDrain::scriptPath()
{
    const QString dir = qEnvironmentVariable("QUEUEDESK_ENGINE_BENCH_SQL_DIR",
                                             QString::fromUtf8(QUEUEDESK_ENGINE_BENCH_SQL_DIR));
    return dir + u"/engine-claim.pgbench"_s;
}

Result<DrainOutcome> PgbenchDrain::run(Server &server, const Config &config)
{
    auto program = pgbenchProgram();
    if (!program)
        return program.error();
    DrainOutcome outcome;
    outcome.config = u"pgbench, engine SQL, %1 client(s), B=%2, -M %3"_s.arg(config.clients).arg(config.batch)
                         .arg(config.protocol);
    BenchTable table(server);
    auto enqueued = table.fill(config.jobs, noopType, false);
    if (!enqueued)
        return enqueued.error();
    outcome.enqueuePerSecond = enqueued.value();

    if (Status reset = table.resetStatements(); !reset)
        return reset.error();
    QProcess pgbench;
    pgbench.setProcessEnvironment(server.clientEnvironment());
    pgbench.setProcessChannelMode(QProcess::MergedChannels);
    const CpuSample before = CpuSample::take({}, {});
    QElapsedTimer wall;
    wall.start();
    pgbench.start(program.value(), arguments(config) + server.clientArgs(BenchTable::runName));
    pgbench.waitForStarted(10000);
    if (!pgbench.waitForFinished(600000) || pgbench.exitCode() != 0) {
        pgbench.kill();
        pgbench.waitForFinished(5000);
        return Error(Error::Code::Database, u"pgbench failed."_s, QString::fromLocal8Bit(pgbench.readAll()).right(2000));
    }
    const double wallSeconds = wall.nsecsElapsed() / 1e9;
    outcome.hostBusyCores = CpuSample::take({}, {}).hostBusySince(before) / wallSeconds;
    const QString output = QString::fromLocal8Bit(pgbench.readAll());
    static const QRegularExpression tps(u"^tps = ([0-9.]+)"_s, QRegularExpression::MultilineOption);
    static const QRegularExpression processed(u"^number of transactions actually processed: (\\d+)"_s,
                                              QRegularExpression::MultilineOption);
    const double rate = tps.match(output).captured(1).toDouble();
    const qint64 transactions = processed.match(output).captured(1).toLongLong();
    if (rate <= 0 || transactions <= 0)
        return Error(Error::Code::Database, u"pgbench printed no tps."_s, output.right(2000));
    outcome.seconds = transactions / rate;
    outcome.note = u"%1 transactions; host busy %2 cores"_s.arg(transactions).arg(outcome.hostBusyCores, 0, 'f', 2);
    if (Status concluded = table.conclude(outcome, config.jobs); !concluded)
        return concluded.error();
    return outcome;
}

} // namespace QueueDesk::EngineBench
