#pragma once

#include "server.h"

#include "db/connectionsettings.h"
#include "drainoutcome.h"
#include "util/error.h"

#include <QMap>
#include <QSqlDatabase>

namespace QueueDesk::EngineBench {


// One drain's database: a fresh copy of the migrated template with N
// waiting no-op jobs added through JobStore::enqueueMany, then vacuumed and
// checkpointed. Also the bench's own bookkeeping (counts, pause).
class BenchTable final
{
public:
    static inline const QString templateName = u"qdbench_engine_template"_s;
    static inline const QString runName = u"qdbench_engine_run"_s;

    explicit BenchTable(Server &server) : m_server(server) {}
    ~BenchTable();

    static Status prepareTemplate(Server &server);
    // Fresh run database; the queue paused or not; N jobs of `type`.
    // Returns the enqueue rate (jobs/s of the enqueueMany call).
    Result<double> fill(qint64 jobs, const QString &type, bool paused);
    Status setPaused(bool paused);
    Result<QMap<QString, qint64>> countByState();
    // "completed=N of N, nothing else left" or what is wrong.
    Result<QString> verifyCompleted(qint64 expected);
    // After a drain: checks every job completed and kept, then fills the
    // outcome's jobs, note and statements.
    Status conclude(DrainOutcome &outcome, qint64 expected);
    QSqlDatabase &db() { return m_db; }

    // With Server::tracksStatements(): forget what was counted so far, and
    // the run's statements by total server time (calls, rows per call, mean).
    Status resetStatements();
    Result<QString> statementSummary(int top = 4);

private:
    Status connect();
    Status configureRun();

    Server &m_server;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace QueueDesk::EngineBench
