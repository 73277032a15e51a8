#include "payloadreader.h"

#include <QJsonArray>

#include <cmath>

namespace QueueDesk {

PayloadReader::PayloadReader(const QJsonObject &payload)
    : m_payload(payload)
{
}

bool PayloadReader::has(const QString &key) const
{
    return m_payload.contains(key) && !m_payload.value(key).isNull();
}

Error PayloadReader::invalid(const QString &key, const QString &expectation)
{
    return Error(Error::Code::InvalidPayload, u"The payload key \"%1\" %2."_s.arg(key, expectation));
}

HandlerResult PayloadReader::reject(const Error &error)
{
    return HandlerResult::failure(error.message, true, QJsonObject{{u"payload_error"_s, error.message}});
}

Result<QString> PayloadReader::string(const QString &key, std::optional<QString> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return invalid(key, u"is required"_s);
    }
    const QJsonValue value = m_payload.value(key);
    if (!value.isString())
        return invalid(key, u"must be a string"_s);
    return value.toString();
}

Result<qint64> PayloadReader::integer(const QString &key, qint64 min, qint64 max, std::optional<qint64> fallback) const
{
    const QString range = u"must be a whole number from %1 to %2"_s.arg(min).arg(max);
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return invalid(key, u"is required and "_s + range);
    }
    const QJsonValue value = m_payload.value(key);
    if (!value.isDouble())
        return invalid(key, range);
    const double number = value.toDouble();
    if (std::trunc(number) != number || number < double(min) || number > double(max))
        return invalid(key, range);
    return qint64(number);
}

Result<bool> PayloadReader::boolean(const QString &key, bool fallback) const
{
    if (!has(key))
        return fallback;
    const QJsonValue value = m_payload.value(key);
    if (!value.isBool())
        return invalid(key, u"must be true or false"_s);
    return value.toBool();
}

Result<QStringList> PayloadReader::stringList(const QString &key) const
{
    if (!has(key))
        return QStringList();
    const QJsonValue value = m_payload.value(key);
    if (!value.isArray())
        return invalid(key, u"must be an array of strings"_s);
    QStringList list;
    for (const QJsonValue item : value.toArray()) {
        if (!item.isString())
            return invalid(key, u"must be an array of strings"_s);
        list.append(item.toString());
    }
    return list;
}

Result<QJsonObject> PayloadReader::object(const QString &key) const
{
    if (!has(key))
        return QJsonObject();
    const QJsonValue value = m_payload.value(key);
    if (!value.isObject())
        return invalid(key, u"must be an object"_s);
    return value.toObject();
}

} // namespace QueueDesk
