#include "sqlhandler.h"

#include "db/database.h"
#include "engine/handlers/payloadreader.h"
#include "engine/handlers/sqlcanceller.h"
#include "engine/jobcontext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThreadStorage>

#include <cmath>

namespace QueueDesk {

namespace {

constexpr qint64 maxTimeoutMs = 7LL * 24 * 3600 * 1000;
constexpr int jsonOid = 114;
constexpr int jsonbOid = 3802;

// Unquoted identifiers only: no quotes, spaces or punctuation can get through.
const QRegularExpression functionName(u"^[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?$"_s);

// The names of the connections this thread opened, closed when it ends, so
// an executor thread that the pool retires takes its connections with it.
struct ThreadConnections
{
    QStringList names;
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names))
            Database::close(name);
    }
};

QThreadStorage<ThreadConnections *> &threadConnections()
{
    static QThreadStorage<ThreadConnections *> storage;
    return storage;
}

Result<QVariant> bindValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QVariant();
    case QJsonValue::Bool:
        return QVariant(value.toBool());
    case QJsonValue::String:
        return QVariant(value.toString());
    case QJsonValue::Double: {
        // Whole numbers go as integers so that int and bigint parameters match.
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 9007199254740992.0)
            return QVariant(qint64(number));
        return QVariant(number);
    }
    default:
        return PayloadReader::invalid(u"args"_s, u"must be an array of strings, numbers, true/false or null"_s);
    }
}

QJsonValue jsonOf(const QSqlField &field)
{
    const QVariant value = field.value();
    if (value.isNull())
        return QJsonValue::Null;
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return value.toLongLong();
    case QMetaType::Double:
        return value.toDouble();
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return value.toTime().toString(Qt::ISODateWithMs);
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toBase64());
    default:
        break;
    }
    // json and jsonb arrive as text; keep them as JSON in the result.
    if (field.typeID() == jsonOid || field.typeID() == jsonbOid) {
        const QJsonDocument doc = QJsonDocument::fromJson(u"[%1]"_s.arg(value.toString()).toUtf8());
        if (doc.isArray() && doc.array().size() == 1)
            return doc.array().first();
    }
    return value.toString();
}

// "ERROR:  boom\nCONTEXT: ..." -> "boom"
QString serverMessage(const QSqlError &error)
{
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    text = text.section(u'\n', 0, 0).trimmed();
    static const QRegularExpression severity(u"^(ERROR|FATAL|PANIC):\\s*"_s);
    return text.remove(severity);
}

} // namespace

SqlHandler::SqlHandler(bool enabled, ConnectionSettings settings, int defaultTimeoutMs)
    : m_enabled(enabled)
    , m_settings(std::move(settings))
    , m_defaultTimeoutMs(defaultTimeoutMs)
{
}

HandlerResult SqlHandler::run(JobContext &context)
{
    if (!m_enabled)
        return HandlerResult::failure(u"The sql handler is disabled in this worker's configuration."_s, true);
    const auto call = readCall(context.payload());
    if (!call)
        return PayloadReader::reject(call.error());
    const auto db = connection();
    if (!db)
        return HandlerResult::failure(u"Could not connect to the database for sql jobs: "_s + db.error().toString());
    return execute(db.value(), call.value(), context);
}

Result<SqlHandler::Call> SqlHandler::readCall(const QJsonObject &payload) const
{
    const PayloadReader reader(payload);
    const auto function = reader.string(u"function"_s);
    if (!function)
        return function.error();
    if (!functionName.match(function.value()).hasMatch())
        return PayloadReader::invalid(u"function"_s, u"must be a function or procedure name such as my_function or "
                                                     u"my_schema.my_function (letters, digits and underscores)"_s);
    // Less than the operator's limit, never more, and never none.
    const auto timeout = reader.integer(u"timeout_ms"_s, 1, m_defaultTimeoutMs > 0 ? m_defaultTimeoutMs : maxTimeoutMs,
                                        m_defaultTimeoutMs);
    if (!timeout)
        return timeout.error();
    Call call{function.value(), {}, timeout.value()};
    const QJsonValue args = payload.value(u"args"_s);
    if (!args.isUndefined() && !args.isNull() && !args.isArray())
        return PayloadReader::invalid(u"args"_s, u"must be an array of strings, numbers, true/false or null"_s);
    for (const QJsonValue arg : args.toArray()) {
        auto value = bindValue(arg);
        if (!value)
            return value.error();
        call.args.append(value.value());
    }
    return call;
}

Result<QSqlDatabase> SqlHandler::connection() const
{
    const QString name = Database::threadConnectionName(
        u"qd-sql-handler-%1"_s.arg(qHash(m_settings.key()), 0, 16));
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen() && !Database::isConnectionBad(db))
            return db;
    }
    ConnectionSettings settings = m_settings;
    settings.applicationName += u"-sql-handler"_s;
    auto db = Database::open(settings, name);
    if (!db)
        return db.error();
    if (!threadConnections().hasLocalData())
        threadConnections().setLocalData(new ThreadConnections);
    if (!threadConnections().localData()->names.contains(name))
        threadConnections().localData()->names.append(name);
    return db;
}

Result<bool> SqlHandler::isProcedure(const QSqlDatabase &db, const QString &function)
{
    // Unquoted names fold to lower case in SQL, so look them up that way.
    const QStringList parts = function.toLower().split(u'.');
    const QString schema = parts.size() == 2 ? parts.first() : QString();
    auto query = Database::exec(db, u"SELECT coalesce(bool_or(p.prokind = 'p'), false) FROM pg_catalog.pg_proc p "
                                    u"JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
                                    u"WHERE p.proname = ? AND CASE WHEN ? = '' "
                                    u"THEN pg_catalog.pg_function_is_visible(p.oid) ELSE n.nspname = ? END"_s,
                                {parts.last(), schema, schema});
    if (!query)
        return query.error();
    return query.value().next() && query.value().value(0).toBool();
}

HandlerResult SqlHandler::execute(const QSqlDatabase &db, const Call &call, JobContext &context) const
{
    if (context.isCancelled())
        return HandlerResult::cancelled();
    const auto procedure = isProcedure(db, call.function);
    if (!procedure)
        return HandlerResult::failure(u"Could not look up %1: %2"_s.arg(call.function, procedure.error().toString()));
    QStringList placeholders;
    placeholders.fill(u"?"_s, call.args.size());
    const QString sql = (procedure.value() ? u"CALL %1(%2)"_s : u"SELECT * FROM %1(%2)"_s)
                            .arg(call.function, placeholders.join(u", "_s));
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ran = false;
    SqlCanceller::Reason interruption = SqlCanceller::Reason::None;
    {
        SqlCanceller canceller(db, context, call.timeoutMs);
        ran = query.exec(Database::bind(db, sql, call.args));
        interruption = canceller.reason();
    }
    if (ran)
        return HandlerResult::success(rowsOf(query));
    const QSqlError error = query.lastError();
    if (interruption == SqlCanceller::Reason::Cancelled)
        return HandlerResult::cancelled();
    if (interruption == SqlCanceller::Reason::TimedOut)
        return HandlerResult::failure(u"%1 did not finish within %2 ms and was cancelled."_s.arg(call.function)
                                          .arg(call.timeoutMs));
    const QString message = serverMessage(error);
    return HandlerResult::failure(u"%1 failed: %2"_s.arg(call.function, message), false,
                                  {{u"sqlstate"_s, error.nativeErrorCode()}, {u"message"_s, message}});
}

QJsonObject SqlHandler::rowsOf(QSqlQuery &query)
{
    QJsonArray rows;
    qint64 count = 0;
    while (query.isSelect() && query.next()) {
        if (++count > maxRows)
            continue;   // the driver has the whole result already; only count it
        const QSqlRecord record = query.record();
        QJsonObject row;
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), jsonOf(record.field(i)));
        rows.append(row);
    }
    return {{u"rows"_s, rows}, {u"row_count"_s, count}, {u"truncated"_s, count > maxRows}};
}

} // namespace QueueDesk
