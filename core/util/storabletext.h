#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace QueueDesk {

// What a job hands back (its result, an error message, a preview of an HTTP
// body or of a program's output) is untrusted text on its way into jsonb and
// text columns. PostgreSQL refuses U+0000 in both, and a lone UTF-16
// surrogate has no UTF-8 form, so either one would make the server refuse
// the whole write it is part of. These functions make such text storable and
// bounded, keeping what can be kept visible: a NUL becomes the six
// characters \u0000, a lone surrogate U+FFFD, and cut text says how much was
// cut.
namespace StorableText {

inline constexpr qsizetype maxMessageChars = 8 * 1024;   // an error message as stored and logged
inline constexpr qsizetype maxResultBytes = 1024 * 1024;  // a result as compact JSON

// The text made storable, cut to maxChars (negative: no limit).
QString text(const QString &text, qsizetype maxChars = -1);
// Every string and key in the value made storable.
QJsonValue json(const QJsonValue &value);
// A result made storable; one larger than maxBytes as compact JSON is
// replaced by a note of its size and the start of its JSON text.
QJsonObject result(const QJsonObject &result, qsizetype maxBytes = maxResultBytes);
// Whether text needs text() at all (the common case needs no copy).
bool isStorable(const QString &text);

} // namespace StorableText

} // namespace QueueDesk
