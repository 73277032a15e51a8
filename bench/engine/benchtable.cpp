#include "benchtable.h"

#include "db/database.h"
#include "queue/jobstore.h"
#include "queue/queuestore.h"
#include "server.h"

#include <QElapsedTimer>

namespace QueueDesk::EngineBench {

BenchTable::~BenchTable()
{
    m_db = QSqlDatabase();
    if (!m_name.isEmpty())
        Database::close(m_name);
}

Status BenchTable::prepareTemplate(Server &server)
{
    if (Status created = server.recreate(templateName); !created)
        return created;
    if (Status migrated = server.migrate(templateName); !migrated)
        return migrated;
    if (!server.tracksStatements())
        return {};
    return server.execIn(templateName, u"CREATE EXTENSION IF NOT EXISTS pg_stat_statements"_s);
}

Status BenchTable::connect()
{
    m_db = QSqlDatabase();
    if (!m_name.isEmpty())
        Database::close(m_name);
    m_name = u"enginebench-table"_s;
    auto db = Database::open(m_server.settings(runName), m_name);
    if (!db)
        return db.error();
    m_db = db.value();
    return {};
}

Status BenchTable::configureRun()
{
    // Only sessions that start later see these: the engine's and pgbench's.
    QStringList settings;
    if (m_server.tracksStatements())
        settings << u"pg_stat_statements.track = 'top'"_s;
    if (!m_server.synchronousCommit())
        settings << u"synchronous_commit = off"_s;
    for (const QString &setting : std::as_const(settings)) {
        if (Status set = m_server.adminExec(u"ALTER DATABASE \"%1\" SET %2"_s.arg(runName, setting)); !set)
            return set;
    }
    return {};
}

Result<double> BenchTable::fill(qint64 jobs, const QString &type, bool paused)
{
    m_db = QSqlDatabase();
    if (!m_name.isEmpty())
        Database::close(m_name);
    m_name.clear();
    if (Status fresh = m_server.recreate(runName, templateName); !fresh)
        return fresh.error();
    if (Status configured = configureRun(); !configured)
        return configured.error();
    if (Status connected = connect(); !connected)
        return connected.error();
    if (Status pause = setPaused(paused); !pause)
        return pause.error();
    QList<NewJob> batch;
    batch.reserve(jobs);
    for (qint64 i = 0; i < jobs; ++i) {
        NewJob job;
        job.type = type;
        job.payload = QJsonObject{{u"i"_s, i}};
        batch.append(std::move(job));
    }
    QElapsedTimer clock;
    clock.start();
    auto added = JobStore(m_db).enqueueMany(batch);
    const double seconds = clock.nsecsElapsed() / 1e9;
    if (!added)
        return added.error();
    if (Status settled = m_server.settle(runName); !settled)
        return settled.error();
    return jobs / seconds;
}

Status BenchTable::setPaused(bool paused)
{
    return QueueStore(m_db).setPaused(u"default"_s, paused);
}

Result<QMap<QString, qint64>> BenchTable::countByState()
{
    auto rows = Database::exec(m_db, u"SELECT state, count(*) FROM queuedesk.jobs GROUP BY state"_s);
    if (!rows)
        return rows.error();
    QMap<QString, qint64> counts;
    while (rows.value().next())
        counts.insert(rows.value().value(0).toString(), rows.value().value(1).toLongLong());
    return counts;
}

Result<QString> BenchTable::verifyCompleted(qint64 expected)
{
    auto counts = countByState();
    if (!counts)
        return counts.error();
    const qint64 completed = counts->value(u"completed"_s);
    QStringList others;
    for (auto it = counts->cbegin(); it != counts->cend(); ++it) {
        if (it.key() != u"completed")
            others << u"%1=%2"_s.arg(it.key()).arg(it.value());
    }
    if (completed != expected || !others.isEmpty())
        return Error(Error::Code::Database, u"The drain did not complete every job."_s,
                     u"completed=%1 of %2 %3"_s.arg(completed).arg(expected).arg(others.join(u' ')));
    return u"verified: %1 completed rows kept"_s.arg(completed);
}

} // namespace QueueDesk::EngineBench

namespace QueueDesk::EngineBench {

Status BenchTable::conclude(DrainOutcome &outcome, qint64 expected)
{
    auto verified = verifyCompleted(expected);
    if (!verified)
        return verified.error();
    auto statements = statementSummary();
    if (!statements)
        return statements.error();
    outcome.jobs = expected;
    outcome.note = outcome.note.isEmpty() ? verified.value() : verified.value() + u", "_s + outcome.note;
    outcome.statements = statements.value();
    return {};
}

Status BenchTable::resetStatements()
{
    if (!m_server.tracksStatements())
        return {};
    auto reset = Database::exec(m_db, u"SELECT pg_stat_statements_reset()"_s);
    return reset ? Status() : Status(reset.error());
}

Result<QString> BenchTable::statementSummary(int top)
{
    if (!m_server.tracksStatements())
        return QString();
    auto rows = Database::exec(
        m_db, u"SELECT regexp_replace(left(query, 70), '\\s+', ' ', 'g'), calls, rows, total_exec_time "
              u"  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
              u" WHERE d.datname = current_database() AND query NOT LIKE '%pg_stat_statements%' "
              u" ORDER BY total_exec_time DESC LIMIT ?"_s, {top});
    if (!rows)
        return rows.error();
    QStringList lines;
    while (rows.value().next()) {
        const QSqlQuery &q = rows.value();
        const qint64 calls = q.value(1).toLongLong();
        lines << u"  %1 calls, %2 rows/call, mean %3 ms, total %4 s: %5"_s.arg(calls)
                     .arg(calls ? q.value(2).toDouble() / calls : 0, 0, 'f', 1)
                     .arg(calls ? q.value(3).toDouble() / calls : 0, 0, 'f', 3)
                     .arg(q.value(3).toDouble() / 1000, 0, 'f', 2).arg(q.value(0).toString());
    }
    return lines.join(u'\n');
}

} // namespace QueueDesk::EngineBench
