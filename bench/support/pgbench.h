#pragma once

#include "util/error.h"

#include <QList>
#include <QStringList>

namespace QueueDesk::Bench {

class BenchServer;

// Runs PostgreSQL's pgbench with one of the scripts in bench/sql against a
// bench database: the raw-SQL ceiling our figures are divided by.
class Pgbench final
{
public:
    struct Run
    {
        QString script;          // file name in bench/sql
        int clients = 1;
        int seconds = 10;
        QStringList defines;     // -D name=value
    };

    struct Outcome
    {
        double tps = 0;
        double latencyMs = 0;
        qint64 transactions = 0;
        QList<double> progressTps;   // -P 1
        QString output;
    };

    // $QUEUEDESK_PGBENCH, the newest Debian /usr/lib/postgresql/N/bin, then PATH.
    static Result<QString> program();
    static QString scriptPath(const QString &script);
    static Result<Outcome> run(const BenchServer &server, const QString &database, const Run &run);
    // Batch-weighted first/last two seconds, like ClaimRun::Outcome::curve().
    static QString curve(const Outcome &outcome, int batch);

private:
    static Outcome parse(const QString &output);
};

} // namespace QueueDesk::Bench
