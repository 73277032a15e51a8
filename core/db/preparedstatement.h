#pragma once

#include "db/pgresult.h"
#include "util/error.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// A statement of the engine's hot path, sent through libpq on a QPSQL
// connection: parsed and planned once per connection, then executed with
// text parameters (QPSQL sends every statement as literal text, which the
// server parses and plans on every call). Prepared on first use, and again
// after a reconnect (the server forgot it: 26000) or a migration that
// changed what it returns (0A000).
//
// Autocommit only: inside a transaction a failed first attempt would abort
// the transaction, so there it runs unprepared. The caller's QSqlQuery
// results on the connection must be finished first (libpq runs one command
// at a time). Named statements need a session of their own on the server:
// behind PgBouncer that means session pooling (or PgBouncer 1.21+ with
// max_prepared_statements), as the README says.
class PreparedStatement final
{
public:
    PreparedStatement(QByteArray name, QByteArray sql);

    // A null QByteArray is SQL NULL. What: names the statement in errors.
    Result<PgResult> exec(const QSqlDatabase &db, const QList<QByteArray> &params, const QString &what) const;

private:
    QByteArray m_name;
    QByteArray m_sql;
};

} // namespace QueueDesk
