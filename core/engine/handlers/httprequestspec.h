#pragma once

#include "util/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

namespace QueueDesk {

// What an http job asks for, checked before anything goes on the wire.
struct HttpRequestSpec
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool hasBody = false;
    int timeoutMs = 30000;
    QList<QPair<int, int>> successRanges{{200, 299}};
    // Redirects are answers, not followed, unless the payload allows some.
    int maxRedirects = 0;
    // The most of the body read (only a preview is kept; the rest is
    // counted): a response past it stops the request.
    qint64 maxBodyBytes = defaultMaxBodyBytes;

    static constexpr int maxRedirectsLimit = 10;
    static constexpr qint64 defaultMaxBodyBytes = 64LL * 1024 * 1024;

    bool isSuccess(int status) const;
    bool hasHeader(const QByteArray &name) const;
    // The URL for messages and logs: no password, no query (it may hold keys).
    QString safeUrl() const;

    static Result<HttpRequestSpec> fromPayload(const QJsonObject &payload, int defaultTimeoutMs);

private:
    Status readUrl(const QJsonObject &payload);
    Status readHeaders(const QJsonObject &payload);
    Status readBody(const QJsonObject &payload);
    Status readSuccessCodes(const QJsonObject &payload);
    Status readLimits(const QJsonObject &payload);
};

} // namespace QueueDesk
