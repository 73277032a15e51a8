#include "storabletext.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace QueueDesk::StorableText {

using namespace Qt::StringLiterals;

namespace {

// The characters a storable copy must replace: U+0000, and a surrogate that
// is not half of a pair.
bool needsReplacing(const QString &text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c.isNull())
        return true;
    if (c.isHighSurrogate())
        return i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate();
    if (c.isLowSurrogate())
        return i == 0 || !text.at(i - 1).isHighSurrogate();
    return false;
}

QString cut(QString text, qsizetype maxChars)
{
    if (maxChars < 0 || text.size() <= maxChars)
        return text;
    qsizetype keep = maxChars;
    // Never split a surrogate pair.
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    const qsizetype dropped = text.size() - keep;
    text.truncate(keep);
    return text + u"… [%1 more characters not kept]"_s.arg(dropped);
}

} // namespace

bool isStorable(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (needsReplacing(text, i))
            return false;
    }
    return true;
}

QString text(const QString &text, qsizetype maxChars)
{
    if (isStorable(text))
        return cut(text, maxChars);
    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!needsReplacing(text, i))
            out += text.at(i);
        else if (text.at(i).isNull())
            out += u"\\u0000"_s;
        else
            out += QChar(QChar::ReplacementCharacter);
    }
    return cut(std::move(out), maxChars);
}

QJsonValue json(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return StorableText::text(value.toString());
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(json(item));
        return out;
    }
    case QJsonValue::Object: {
        const QJsonObject in = value.toObject();
        QJsonObject out;
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(StorableText::text(it.key()), json(it.value()));
        return out;
    }
    default:
        return value;
    }
}

QJsonObject result(const QJsonObject &result, qsizetype maxBytes)
{
    if (result.isEmpty())
        return result;
    QJsonObject storable = json(result).toObject();
    const QByteArray compact = QJsonDocument(storable).toJson(QJsonDocument::Compact);
    if (compact.size() <= maxBytes)
        return storable;
    constexpr qsizetype previewBytes = 4096;
    return QJsonObject{
        {u"not_kept"_s, u"The result was %1 bytes of JSON, more than the %2 kept."_s.arg(compact.size()).arg(maxBytes)},
        {u"bytes"_s, double(compact.size())},
        {u"preview"_s, text(QString::fromUtf8(compact.left(previewBytes)))},
    };
}

} // namespace QueueDesk::StorableText
