#include "sqlvalues.h"

#include <QJsonDocument>

namespace QueueDesk::SqlValues {

QString textArray(const QStringList &values)
{
    QString out = u"{"_s;
    for (qsizetype i = 0; i < values.size(); ++i) {
        QString item = values.at(i);
        item.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        if (i > 0)
            out += u',';
        out += u'"' + item + u'"';
    }
    return out + u'}';
}

QString idArray(const QList<qint64> &ids)
{
    QString out = u"{"_s;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            out += u',';
        out += QString::number(ids.at(i));
    }
    return out + u'}';
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString json(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QVariant timestamp(const QDateTime &when)
{
    return when.isValid() ? QVariant(when.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant intOrNull(std::optional<int> value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant secondsOrNull(std::optional<qint64> seconds)
{
    return seconds ? QVariant(*seconds) : QVariant();
}

Result<QList<qint64>> ids(Result<QSqlQuery> &query)
{
    if (!query)
        return query.error();
    QList<qint64> out;
    while (query.value().next())
        out.append(query.value().value(0).toLongLong());
    return out;
}

} // namespace QueueDesk::SqlValues
