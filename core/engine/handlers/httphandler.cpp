#include "httphandler.h"

#include "engine/handlers/httprequestspec.h"
#include "engine/handlers/payloadreader.h"
#include "engine/jobcontext.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace QueueDesk {

namespace {

constexpr qsizetype previewBytes = 1024;
// What Qt may hold of a body before we read it: without a bound its network
// thread buffers as fast as the server sends (a 1.5 GB body took a worker to
// 1.44 GB), with one it waits for us.
constexpr qint64 readBufferBytes = 256 * 1024;
constexpr int cancelPollMs = 50;
const QList<QByteArray> summaryHeaders{"content-type", "content-length", "location", "retry-after"};

QNetworkReply *send(QNetworkAccessManager &manager, const HttpRequestSpec &spec)
{
    QNetworkRequest request(spec.url);
    for (const auto &[name, value] : spec.headers)
        request.setRawHeader(name, value);
    // Qt follows redirects by default; HttpHandler::request() does, hop by hop.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (spec.method == "HEAD")
        return manager.head(request);
    if (spec.method == "GET" && !spec.hasBody)
        return manager.get(request);
    return manager.sendCustomRequest(request, spec.method, spec.body);
}

// Cuts a trailing, incomplete UTF-8 sequence so the preview does not end in
// a replacement character only because of where the cut fell.
QString previewText(const QByteArray &bytes)
{
    qsizetype end = bytes.size();
    qsizetype back = 0;
    while (back < 3 && end - back > 0 && (uchar(bytes.at(end - back - 1)) & 0xC0) == 0x80)
        ++back;
    if (end - back > 0) {
        const uchar lead = uchar(bytes.at(end - back - 1));
        const qsizetype needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        if (needed > back)
            end -= back + 1;
    }
    return QString::fromUtf8(bytes.left(end));
}

// 5xx, 429 and 408 may well pass later; any other refusal will not.
bool isRetryableStatus(int status)
{
    return status >= 500 || status == 429 || status == 408;
}

} // namespace

HttpHandler::HttpHandler(int defaultTimeoutMs)
    : m_defaultTimeoutMs(defaultTimeoutMs)
{
}

HandlerResult HttpHandler::run(JobContext &context)
{
    const auto spec = HttpRequestSpec::fromPayload(context.payload(), m_defaultTimeoutMs);
    if (!spec)
        return PayloadReader::reject(spec.error());
    HandlerResult result;
    {
        QNetworkAccessManager manager;
        result = request(manager, context, spec.value());
    }
    // The network manager leaves deleteLater()s behind; this thread has no
    // event loop to run them, so run them now rather than pile them up.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return result;
}

// Redirects are followed here, hop by hop, not by Qt: only as many as the
// payload allows, never from https down to http, and each hop a request of
// its own that the same rules apply to.
HandlerResult HttpHandler::request(QNetworkAccessManager &manager, JobContext &context, const HttpRequestSpec &spec)
{
    QElapsedTimer elapsed;
    elapsed.start();
    HttpRequestSpec hop = spec;
    for (int redirects = 0;; ++redirects) {
        std::unique_ptr<QNetworkReply> reply(send(manager, hop));
        reply->setReadBufferSize(readBufferBytes);
        QByteArray preview;
        qint64 bodyBytes = 0;
        switch (waitForReply(reply.get(), context, hop, preview, bodyBytes)) {
        case Interruption::Cancelled:
            return HandlerResult::cancelled();
        case Interruption::BodyTooLarge:
            return HandlerResult::failure(u"The response from %1 was larger than %2 bytes; reading stopped there."_s
                                              .arg(hop.safeUrl(), QString::number(hop.maxBodyBytes)),
                                          true, {{u"body_bytes"_s, bodyBytes}});
        case Interruption::TimedOut:
            return HandlerResult::failure(u"The request to %1 timed out after %2 ms."_s.arg(
                hop.safeUrl(), QString::number(hop.timeoutMs)));
        case Interruption::None:
            break;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QUrl location = hop.url.resolved(QUrl(QString::fromUtf8(reply->rawHeader("location"))));
        const bool isRedirect = (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                                && reply->hasRawHeader("location") && location.isValid();
        if (!isRedirect || spec.maxRedirects == 0)
            return summarise(reply.get(), hop, preview, bodyBytes, elapsed.elapsed());
        const QString scheme = location.scheme().toLower();
        const bool allowedScheme = scheme == u"https" || (scheme == u"http" && hop.url.scheme() != u"https");
        if (redirects >= spec.maxRedirects || !allowedScheme)
            return HandlerResult::failure(u"%1 redirected more than %2 times, or to a scheme other than the one it "
                                          u"came from (%3)."_s
                                              .arg(spec.safeUrl(), QString::number(spec.maxRedirects),
                                                   location.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)),
                                          true);
        hop.url = location;
        // The payload's timeout covers the whole chain, not each hop.
        hop.timeoutMs = int(qMax<qint64>(1, spec.timeoutMs - elapsed.elapsed()));
        // As browsers do: 303 always, and 301/302 after a POST, become a GET.
        if (status == 303 || ((status == 301 || status == 302) && hop.method == "POST")) {
            hop.method = "GET";
            hop.body.clear();
            hop.hasBody = false;
        }
    }
}

HttpHandler::Interruption HttpHandler::waitForReply(QNetworkReply *reply, JobContext &context,
                                                    const HttpRequestSpec &spec, QByteArray &preview,
                                                    qint64 &bodyBytes)
{
    // Only the first KB is kept; the rest is counted and dropped as it
    // comes, up to the body cap.
    QEventLoop loop;
    Interruption interruption = Interruption::None;
    const auto collect = [&] {
        const QByteArray chunk = reply->readAll();
        bodyBytes += chunk.size();
        if (preview.size() < previewBytes)
            preview += chunk.left(previewBytes - preview.size());
        if (bodyBytes > spec.maxBodyBytes && interruption == Interruption::None) {
            interruption = Interruption::BodyTooLarge;
            reply->abort();
        }
    };
    QTimer timeout;
    timeout.setSingleShot(true);
    QTimer cancelPoll;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, collect);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        interruption = Interruption::TimedOut;
        reply->abort();
    });
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (context.isCancelled()) {
            interruption = Interruption::Cancelled;
            reply->abort();
        }
    });
    timeout.start(spec.timeoutMs);
    cancelPoll.start(cancelPollMs);
    if (!reply->isFinished())
        loop.exec();
    if (interruption == Interruption::None)
        collect();
    return interruption;
}

HandlerResult HttpHandler::summarise(QNetworkReply *reply, const HttpRequestSpec &spec, const QByteArray &preview,
                                     qint64 bodyBytes, qint64 elapsedMs)
{
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid())
        return HandlerResult::failure(u"The request to %1 failed: %2"_s.arg(spec.safeUrl(), reply->errorString()),
                                      false, {{u"elapsed_ms"_s, elapsedMs}});
    const int status = statusAttribute.toInt();
    QJsonObject headers;
    for (const QByteArray &name : summaryHeaders) {
        if (reply->hasRawHeader(name))
            headers.insert(QString::fromLatin1(name), QString::fromUtf8(reply->rawHeader(name)));
    }
    const QJsonObject summary{{u"status"_s, status},
                              {u"headers"_s, headers},
                              {u"body_bytes"_s, bodyBytes},
                              {u"body_preview"_s, previewText(preview)},
                              {u"elapsed_ms"_s, elapsedMs}};
    if (spec.isSuccess(status))
        return HandlerResult::success(summary);
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    // One arg() call: chained ones would read a "%2F" in the URL as a
    // placeholder of their own.
    return HandlerResult::failure(u"%1 %2 answered HTTP %3 %4"_s
                                      .arg(QString::fromLatin1(spec.method), spec.safeUrl(), QString::number(status),
                                           reason)
                                      .trimmed(),
                                  !isRetryableStatus(status), summary);
}

} // namespace QueueDesk
