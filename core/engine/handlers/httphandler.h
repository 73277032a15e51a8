#pragma once

#include "engine/handler.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace QueueDesk {

struct HttpRequestSpec;

// Makes one HTTP request (payload: method, url, headers, body, timeout_ms,
// success_codes, max_redirects, max_body_bytes) and stores a summary of the
// response. Runs its own event
// loop and network manager on the executor thread, which has neither.
class HttpHandler final : public Handler
{
public:
    explicit HttpHandler(int defaultTimeoutMs);
    HandlerResult run(JobContext &context) override;

private:
    // What happened to the request, besides the reply itself.
    enum class Interruption { None, TimedOut, Cancelled, BodyTooLarge };

    HandlerResult request(QNetworkAccessManager &manager, JobContext &context, const HttpRequestSpec &spec);

    Interruption waitForReply(QNetworkReply *reply, JobContext &context, const HttpRequestSpec &spec,
                              QByteArray &preview, qint64 &bodyBytes);
    static HandlerResult summarise(QNetworkReply *reply, const HttpRequestSpec &spec, const QByteArray &preview,
                                   qint64 bodyBytes, qint64 elapsedMs);

    const int m_defaultTimeoutMs;
};

} // namespace QueueDesk
