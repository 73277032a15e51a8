#include "database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QThread>

#include <libpq-fe.h>

namespace QueueDesk {

Result<QSqlDatabase> Database::open(const ConnectionSettings &settings, const QString &connectionName)
{
    // Settings that libpq cannot be given faithfully never reach it.
    if (Status valid = settings.validate(); !valid)
        return valid.error();
    QSqlDatabase db = QSqlDatabase::contains(connectionName)
                          ? QSqlDatabase::database(connectionName, false)
                          : QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    if (!db.isValid())
        return Error(Error::Code::ConnectionFailed, u"The PostgreSQL driver for Qt (QPSQL) is not installed."_s,
                     u"install libqt6sql6-psql"_s);
    db.setHostName(settings.host);
    db.setPort(settings.port);
    db.setDatabaseName(settings.database);
    db.setUserName(settings.user);
    db.setPassword(settings.password);
    db.setConnectOptions(settings.connectOptions());
    if (!db.open()) {
        Error error = errorFrom(db.lastError(), u"connect to %1"_s.arg(settings.displayName()));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return error;
    }
    return db;
}

void Database::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QString Database::threadConnectionName(const QString &prefix)
{
    return u"%1-%2"_s.arg(prefix).arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
}

Error Database::errorFrom(const QSqlError &error, const QString &what)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return errorFrom(error.nativeErrorCode(), text, error.type() == QSqlError::ConnectionError, what);
}

Error Database::errorFrom(const QString &state, const QString &text, bool connectionError, const QString &what)
{
    Error error = classify(state, text, connectionError, what);
    error.sqlState = state;
    return error;
}

Error Database::classify(const QString &state, const QString &text, bool connectionError, const QString &what)
{
    const QString detail = u"%1: %2"_s.arg(what, text.trimmed());
    if (state == u"28P01" || text.contains(u"password authentication failed"))
        return Error(Error::Code::AuthenticationFailed, u"The server refused the user name or password."_s, detail);
    if (state == u"3D000")
        return Error(Error::Code::ConnectionFailed, u"The database does not exist on this server."_s, detail);
    if (state.startsWith(u"08") || state == u"57P01" || state == u"57P02" || state == u"57P03")
        return Error(Error::Code::ConnectionLost, u"The connection to PostgreSQL was lost."_s, detail);
    if (connectionError) {
        if (text.contains(u"server closed the connection") || text.contains(u"no connection to the server")
            || text.contains(u"terminating connection"))
            return Error(Error::Code::ConnectionLost, u"The connection to PostgreSQL was lost."_s, detail);
        if (text.contains(u"SSL"))
            return Error(Error::Code::ConnectionFailed, u"The server or client refused the TLS (SSL) settings."_s, detail);
        return Error(Error::Code::ConnectionFailed, u"Could not connect to PostgreSQL."_s, detail);
    }
    if (state == u"42P01" || state == u"3F000")
        return Error(Error::Code::SchemaMissing, u"The QueueDesk schema is missing in this database."_s, detail);
    return Error(Error::Code::Database, u"PostgreSQL reported an error."_s, detail);
}

pg_conn *Database::nativeHandle(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // QPSQL names the type "pg_conn*", not "PGconn*" as the docs say.
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return nullptr;
    return *static_cast<PGconn *const *>(handle.data());
}

bool Database::isConnectionBad(const QSqlDatabase &db)
{
    PGconn *conn = nativeHandle(db);
    return !conn || PQstatus(conn) == CONNECTION_BAD;
}

QString Database::bind(const QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    // Values become literals formatted by the driver's own escaping, so each
    // statement is one round trip (QPSQL's prepare() costs a PREPARE and a
    // DEALLOCATE per query). Placeholders are "?" outside quotes.
    QString out;
    out.reserve(sql.size() + binds.size() * 16);
    qsizetype next = 0;
    QChar quote;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?' && next < binds.size()) {
            QSqlField field(QString(), binds.at(next).metaType());
            field.setValue(binds.at(next));
            ++next;
            out += db.driver()->formatValue(field);
            continue;
        }
        out += c;
    }
    Q_ASSERT(next == binds.size());
    return out;
}

Result<QSqlQuery> Database::exec(const QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    if (!db.isValid() || !db.isOpen())
        return Error(Error::Code::ConnectionLost, u"Not connected to PostgreSQL."_s);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(binds.isEmpty() ? sql : bind(db, sql, binds))) {
        Error error = errorFrom(query.lastError(), sql.left(60).simplified());
        if (error.code == Error::Code::Database && isConnectionBad(db))
            error.code = Error::Code::ConnectionLost;
        return error;
    }
    return query;
}

Status Database::execScript(const QSqlDatabase &db, const QString &sql)
{
    // QPSQL sends unprepared text with PQexec, which runs several statements.
    QSqlQuery query(db);
    if (!query.exec(sql))
        return errorFrom(query.lastError(), u"run SQL script"_s);
    return {};
}

} // namespace QueueDesk
