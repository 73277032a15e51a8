#pragma once

#include "util/error.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace QueueDesk {

struct RelationSize
{
    QString name;
    qint64 bytes = 0;
};

// The jobs table as vacuum sees it (pg_stat_user_tables) and its size on
// disk. Dead tuples pile up when vacuum falls behind or is held back.
struct TableHealth
{
    bool found = false;              // false: the table is not there
    qint64 liveTuples = 0;
    qint64 deadTuples = 0;
    QDateTime lastAutovacuum;        // invalid: never (since the statistics were reset)
    QDateTime lastVacuum;            // a manual VACUUM
    QDateTime lastAutoanalyze;
    qint64 autovacuumCount = 0;
    qint64 tableBytes = 0;           // heap, TOAST and maps (pg_table_size)
    QList<RelationSize> indexes;     // each index (pg_relation_size), largest first

    qint64 indexBytes() const;
    // Dead among all tuples, 0..1.
    double deadRatio() const;
};

// The oldest transaction open in this database, other than ours. While it
// holds a snapshot or a transaction id, vacuum cannot remove the rows that
// died after it began: a SKIP LOCKED queue then walks ever more dead index
// entries on every claim.
struct OpenTransaction
{
    qint64 pid = 0;
    double ageSeconds = -1;          // -1: none open
    QString state;                   // idle in transaction, active, ...
    QString application;
    QString query;                   // its latest statement, shortened
    bool holdsHorizon = false;       // has an xid or a snapshot

    bool exists() const { return ageSeconds >= 0; }
};

// Client connections to this database by state, as the server counts them
// (pg_stat_activity). Without pg_read_all_stats, other roles' sessions show
// as state "unknown" and their transactions are not seen.
struct ServerConnections
{
    QMap<QString, qint64> byState;   // active, idle, idle in transaction, ...
    qint64 total = 0;
    qint64 waitingOnLocks = 0;
    qint64 maxConnections = 0;       // the server's limit, all databases

    qint64 count(const QString &state) const { return byState.value(state); }
    // Busy: running a statement or inside a transaction.
    qint64 inUse() const;
};

struct DatabaseHealth
{
    TableHealth jobs;
    OpenTransaction oldestTransaction;
    ServerConnections connections;
    QDateTime readAt;                // the server's clock
};

// All SQL about the database's own health: catalog and statistics views
// only, so its cost does not grow with the number of jobs.
class DatabaseHealthStore final
{
public:
    explicit DatabaseHealthStore(QSqlDatabase db);

    // One round trip.
    Result<DatabaseHealth> read();

private:
    QSqlDatabase m_db;
};

} // namespace QueueDesk
