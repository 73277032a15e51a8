#include "copywriter.h"

#include "db/database.h"

#include <libpq-fe.h>

namespace QueueDesk {

namespace {
constexpr qsizetype flushBytes = 1 << 20;
}

CopyWriter::CopyWriter(QSqlDatabase db, QString copyStatement)
    : m_db(std::move(db))
    , m_statement(std::move(copyStatement))
{
    m_buffer.reserve(flushBytes + 4096);
}

CopyWriter::~CopyWriter()
{
    // An unfinished COPY would leave the connection unusable: abort it.
    if (m_active) {
        if (PGconn *conn = Database::nativeHandle(m_db)) {
            PQputCopyEnd(conn, "aborted by client");
            while (PGresult *res = PQgetResult(conn))
                PQclear(res);
        }
    }
}

Error CopyWriter::lastError(const QString &what) const
{
    PGconn *conn = Database::nativeHandle(m_db);
    const QString message = conn ? QString::fromUtf8(PQerrorMessage(conn)).trimmed() : u"no connection"_s;
    if (!conn || PQstatus(conn) == CONNECTION_BAD)
        return Error(Error::Code::ConnectionLost, u"The connection to PostgreSQL was lost."_s, what + u": "_s + message);
    return Error(Error::Code::Database, u"PostgreSQL refused the rows."_s, what + u": "_s + message);
}

Status CopyWriter::start()
{
    PGconn *conn = Database::nativeHandle(m_db);
    if (!conn)
        return Error(Error::Code::ConnectionLost, u"The connection to PostgreSQL was lost."_s);
    PGresult *res = PQexec(conn, m_statement.toUtf8().constData());
    const bool ok = PQresultStatus(res) == PGRES_COPY_IN;
    PQclear(res);
    if (!ok)
        return lastError(u"start COPY"_s);
    m_active = true;
    return {};
}

void CopyWriter::separator()
{
    if (m_rowStarted)
        m_buffer.append('\t');
    m_rowStarted = true;
}

void CopyWriter::appendEscaped(const QByteArray &utf8)
{
    for (const char c : utf8) {
        switch (c) {
        case '\\': m_buffer.append("\\\\", 2); break;
        case '\t': m_buffer.append("\\t", 2); break;
        case '\n': m_buffer.append("\\n", 2); break;
        case '\r': m_buffer.append("\\r", 2); break;
        default: m_buffer.append(c);
        }
    }
}

CopyWriter &CopyWriter::field(const QString &text)
{
    return field(text.toUtf8());
}

CopyWriter &CopyWriter::field(const QByteArray &utf8)
{
    separator();
    appendEscaped(utf8);
    return *this;
}

CopyWriter &CopyWriter::field(const char *latin1)
{
    separator();
    m_buffer.append(latin1);
    return *this;
}

CopyWriter &CopyWriter::field(qint64 number)
{
    separator();
    m_buffer.append(QByteArray::number(number));
    return *this;
}

CopyWriter &CopyWriter::fieldOrNull(const QString &text)
{
    if (text.isEmpty()) {
        separator();
        m_buffer.append("\\N", 2);
        return *this;
    }
    return field(text);
}

CopyWriter &CopyWriter::fieldOrNull(qint64 positiveNumber)
{
    if (positiveNumber <= 0) {
        separator();
        m_buffer.append("\\N", 2);
        return *this;
    }
    return field(positiveNumber);
}

Status CopyWriter::endRow()
{
    m_buffer.append('\n');
    m_rowStarted = false;
    if (m_buffer.size() >= flushBytes)
        return flush();
    return {};
}

Status CopyWriter::flush()
{
    if (m_buffer.isEmpty())
        return {};
    PGconn *conn = Database::nativeHandle(m_db);
    if (!conn || PQputCopyData(conn, m_buffer.constData(), int(m_buffer.size())) != 1)
        return lastError(u"send COPY data"_s);
    m_buffer.clear();
    return {};
}

Status CopyWriter::finish()
{
    if (Status flushed = flush(); !flushed)
        return flushed;
    PGconn *conn = Database::nativeHandle(m_db);
    m_active = false;
    if (!conn || PQputCopyEnd(conn, nullptr) != 1)
        return lastError(u"end COPY"_s);
    Status status;
    while (PGresult *res = PQgetResult(conn)) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && status.ok()) {
            const QString message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
            const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
            status = Error(Error::Code::Database, u"PostgreSQL refused the rows."_s,
                           message + (detail ? u" "_s + QString::fromUtf8(detail) : QString()));
        }
        PQclear(res);
    }
    if (status.ok() && PQstatus(conn) == CONNECTION_BAD)
        return lastError(u"finish COPY"_s);
    return status;
}

} // namespace QueueDesk
