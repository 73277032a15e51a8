#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

struct pg_conn;

namespace QueueDesk {

// Opening per-thread QPSQL connections and turning driver errors into
// operator-facing Errors. A QSqlDatabase belongs to the thread that opened it.
class Database final
{
public:
    static Result<QSqlDatabase> open(const ConnectionSettings &settings, const QString &connectionName);
    static void close(const QString &connectionName);

    // A name unique to the calling thread, for per-thread connections.
    static QString threadConnectionName(const QString &prefix);

    static Error errorFrom(const QSqlError &error, const QString &what);
    // The same, from an SQLSTATE and message (libpq results); connectionError:
    // the connection itself failed, not the statement.
    static Error errorFrom(const QString &sqlState, const QString &text, bool connectionError, const QString &what);
    static bool isConnectionBad(const QSqlDatabase &db);
    static pg_conn *nativeHandle(const QSqlDatabase &db);

    // SQL text with each ? replaced by the driver's literal for the value.
    static QString bind(const QSqlDatabase &db, const QString &sql, const QVariantList &binds);
    // Runs a statement with positional (?) binds in one round trip.
    static Result<QSqlQuery> exec(const QSqlDatabase &db, const QString &sql, const QVariantList &binds = {});
    // Runs SQL text that may hold several statements (no binds).
    static Status execScript(const QSqlDatabase &db, const QString &sql);

private:
    static Error classify(const QString &sqlState, const QString &text, bool connectionError, const QString &what);
};

} // namespace QueueDesk
