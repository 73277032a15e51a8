#pragma once

#include "util/error.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace QueueDesk {

// Turns C++ values into the bind values the stores' SQL expects
// (arrays and JSON travel as text and are cast in SQL).
namespace SqlValues {

QString textArray(const QStringList &values);
QString idArray(const QList<qint64> &ids);
QString json(const QJsonObject &object);
QString json(const QJsonArray &array);
QVariant timestamp(const QDateTime &when);     // invalid: NULL
QVariant textOrNull(const QString &text);      // empty: NULL
QVariant intOrNull(std::optional<int> value);
QVariant secondsOrNull(std::optional<qint64> seconds);
// The first column of every row, as ids.
Result<QList<qint64>> ids(Result<QSqlQuery> &query);

} // namespace SqlValues

} // namespace QueueDesk
