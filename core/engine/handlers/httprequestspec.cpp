#include "httprequestspec.h"

#include "engine/handlers/payloadreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace QueueDesk {

namespace {

const QStringList methods{u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s};
constexpr qint64 maxTimeoutMs = 24LL * 3600 * 1000;

// "2xx", "200-299" or "404"; the range, or nullopt.
std::optional<QPair<int, int>> parseCodeRange(const QJsonValue &value)
{
    if (value.isDouble()) {
        const int code = value.toInt(-1);
        if (code < 100 || code > 599 || double(code) != value.toDouble())
            return std::nullopt;
        return QPair<int, int>(code, code);
    }
    static const QRegularExpression pattern(u"^\\s*(?:([1-5])xx|(\\d{3})(?:\\s*-\\s*(\\d{3}))?)\\s*$"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(value.toString());
    if (!value.isString() || !match.hasMatch())
        return std::nullopt;
    if (!match.captured(1).isEmpty()) {
        const int hundreds = match.captured(1).toInt() * 100;
        return QPair<int, int>(hundreds, hundreds + 99);
    }
    const int from = match.captured(2).toInt();
    const int to = match.captured(3).isEmpty() ? from : match.captured(3).toInt();
    if (from < 100 || to > 599 || from > to)
        return std::nullopt;
    return QPair<int, int>(from, to);
}

// A header name is an RFC 9110 token; values must not smuggle in line breaks.
bool isValidHeader(const QString &name, const QString &value)
{
    static const QRegularExpression token(u"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"_s);
    return token.match(name).hasMatch() && !value.contains(u'\r') && !value.contains(u'\n')
           && !value.contains(QChar(0));
}

} // namespace

bool HttpRequestSpec::isSuccess(int status) const
{
    return std::any_of(successRanges.cbegin(), successRanges.cend(),
                       [status](const auto &range) { return status >= range.first && status <= range.second; });
}

bool HttpRequestSpec::hasHeader(const QByteArray &name) const
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&name](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QString HttpRequestSpec::safeUrl() const
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

Result<HttpRequestSpec> HttpRequestSpec::fromPayload(const QJsonObject &payload, int defaultTimeoutMs)
{
    HttpRequestSpec spec;
    const PayloadReader reader(payload);
    const auto method = reader.string(u"method"_s, u"GET"_s);
    if (!method || !methods.contains(method.value().toUpper()))
        return PayloadReader::invalid(u"method"_s, u"must be one of "_s + methods.join(u", "_s));
    spec.method = method.value().toUpper().toLatin1();
    const auto timeout = reader.integer(u"timeout_ms"_s, 1, maxTimeoutMs, defaultTimeoutMs);
    if (!timeout)
        return timeout.error();
    spec.timeoutMs = int(timeout.value());
    for (const auto step : {&HttpRequestSpec::readUrl, &HttpRequestSpec::readHeaders, &HttpRequestSpec::readBody,
                            &HttpRequestSpec::readSuccessCodes, &HttpRequestSpec::readLimits}) {
        if (Status read = (spec.*step)(payload); !read)
            return read.error();
    }
    return spec;
}

Status HttpRequestSpec::readLimits(const QJsonObject &payload)
{
    const PayloadReader reader(payload);
    const auto redirects = reader.integer(u"max_redirects"_s, 0, maxRedirectsLimit, 0);
    if (!redirects)
        return redirects.error();
    maxRedirects = int(redirects.value());
    // A payload may ask to read less, never more.
    const auto body = reader.integer(u"max_body_bytes"_s, 0, defaultMaxBodyBytes, defaultMaxBodyBytes);
    if (!body)
        return body.error();
    maxBodyBytes = body.value();
    return {};
}

Status HttpRequestSpec::readUrl(const QJsonObject &payload)
{
    const auto text = PayloadReader(payload).string(u"url"_s);
    if (!text)
        return text.error();
    url = QUrl(text.value(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty())
        return PayloadReader::invalid(u"url"_s, u"must be a full http:// or https:// address"_s);
    return {};
}

Status HttpRequestSpec::readHeaders(const QJsonObject &payload)
{
    const auto object = PayloadReader(payload).object(u"headers"_s);
    if (!object)
        return object.error();
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!it.value().isString() || !isValidHeader(it.key(), it.value().toString()))
            return PayloadReader::invalid(u"headers"_s,
                                          u"must map header names to single-line string values (\"%1\" does not)"_s
                                              .arg(it.key()));
        headers.append({it.key().toLatin1(), it.value().toString().toUtf8()});
    }
    return {};
}

Status HttpRequestSpec::readBody(const QJsonObject &payload)
{
    if (!PayloadReader(payload).has(u"body"_s))
        return {};
    const QJsonValue value = payload.value(u"body"_s);
    if (value.isString()) {
        body = value.toString().toUtf8();
    } else if (value.isObject() || value.isArray()) {
        body = value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        if (!hasHeader("Content-Type"))
            headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    } else {
        return PayloadReader::invalid(u"body"_s, u"must be a string, or an object or array to send as JSON"_s);
    }
    if (method == "HEAD")
        return PayloadReader::invalid(u"body"_s, u"cannot be sent with a HEAD request"_s);
    hasBody = true;
    return {};
}

Status HttpRequestSpec::readSuccessCodes(const QJsonObject &payload)
{
    if (!PayloadReader(payload).has(u"success_codes"_s))
        return {};
    const QJsonValue value = payload.value(u"success_codes"_s);
    const QString expectation = u"must be a non-empty array of status codes (200) or ranges (\"2xx\", \"200-299\")"_s;
    if (!value.isArray() || value.toArray().isEmpty())
        return PayloadReader::invalid(u"success_codes"_s, expectation);
    successRanges.clear();
    for (const QJsonValue item : value.toArray()) {
        const auto range = parseCodeRange(item);
        if (!range)
            return PayloadReader::invalid(u"success_codes"_s, expectation);
        successRanges.append(*range);
    }
    return {};
}

} // namespace QueueDesk
