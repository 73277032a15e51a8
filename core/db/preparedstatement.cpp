#include "preparedstatement.h"

#include "db/database.h"

#include <QVarLengthArray>

#include <libpq-fe.h>

namespace QueueDesk {

namespace {

constexpr char undefinedStatement[] = "26000";
constexpr char planResultChanged[] = "0A000";   // "cached plan must not change result type"

bool hasState(const PGresult *result, const char *state)
{
    const char *actual = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    return actual && qstrcmp(actual, state) == 0;
}

// 0A000 is "feature not supported" in general; only this one means the
// statement must be prepared again.
bool planResultChangedError(const PGresult *result)
{
    const char *message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    return hasState(result, planResultChanged) && message
           && QByteArrayView(message).contains("cached plan must not change result type");
}

Error errorOf(PGconn *conn, const PGresult *result, const QString &what)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString text = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
    return Database::errorFrom(QString::fromLatin1(state), text, PQstatus(conn) == CONNECTION_BAD, what);
}

} // namespace

PreparedStatement::PreparedStatement(QByteArray name, QByteArray sql)
    : m_name(std::move(name))
    , m_sql(std::move(sql))
{
}

Result<PgResult> PreparedStatement::exec(const QSqlDatabase &db, const QList<QByteArray> &params,
                                         const QString &what) const
{
    PGconn *conn = Database::nativeHandle(db);
    if (!db.isOpen() || !conn || PQstatus(conn) == CONNECTION_BAD)
        return Error(Error::Code::ConnectionLost, u"Not connected to PostgreSQL."_s);
    QVarLengthArray<const char *, 8> values;
    for (const QByteArray &param : params)
        values.append(param.isNull() ? nullptr : param.constData());
    const int count = int(values.size());

    PgResult result;
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
        result = PgResult(PQexecParams(conn, m_sql.constData(), count, nullptr, values.data(), nullptr, nullptr, 0));
    } else {
        result = PgResult(PQexecPrepared(conn, m_name.constData(), count, values.data(), nullptr, nullptr, 0));
        if (PQresultStatus(result.handle()) == PGRES_FATAL_ERROR
            && (hasState(result.handle(), undefinedStatement) || planResultChangedError(result.handle()))) {
            if (planResultChangedError(result.handle()))
                PgResult(PQexec(conn, QByteArray(QByteArray("DEALLOCATE ") + m_name).constData()));
            PgResult prepared(PQprepare(conn, m_name.constData(), m_sql.constData(), count, nullptr));
            if (PQresultStatus(prepared.handle()) != PGRES_COMMAND_OK)
                return errorOf(conn, prepared.handle(), what);
            result = PgResult(PQexecPrepared(conn, m_name.constData(), count, values.data(), nullptr, nullptr, 0));
        }
    }
    const ExecStatusType status = PQresultStatus(result.handle());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return errorOf(conn, result.handle(), what);
    return result;
}

} // namespace QueueDesk
