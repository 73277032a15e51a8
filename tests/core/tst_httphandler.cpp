#include "engine/handlerregistry.h"
#include "engine/handlers/builtinhandlers.h"
#include "handlerrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

// A tiny HTTP/1.1 server on 127.0.0.1 with canned answers by path:
// /hello, /status/<code>, /big (100 KB), /slow (never answers).
class CannedHttpServer final : public QObject
{
public:
    CannedHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString url(const QString &path) const { return u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path); }
    // Every complete request so far, as received.
    QList<QByteArray> requests;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        requests.append(buffer);
        const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
        answer(socket, requestLine.value(0), requestLine.value(1));
    }

    void answer(QTcpSocket *socket, const QByteArray &method, const QByteArray &path)
    {
        if (path == "/slow")
            return;   // holds the connection open and says nothing
        int status = 200;
        QByteArray body = "hello, worker";
        if (path.startsWith("/status/")) {
            status = path.mid(8).toInt();
            body = "status " + path.mid(8);
        } else if (path.startsWith("/redirect/")) {
            // /redirect/<n>: n more hops, then /hello.
            const int left = path.mid(10).toInt();
            const QByteArray location = left > 1 ? QByteArray("/redirect/" + QByteArray::number(left - 1)) : QByteArray("/hello");
            socket->write("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        } else if (path == "/big") {
            // A two-byte character straddles the 1 KB preview boundary.
            body = QByteArray(1023, 'a') + "\xC3\xA9" + QByteArray(100 * 1024, 'b');
        }
        QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + " Canned\r\nContent-Type: text/plain; "
                              "charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size())
                              + "\r\nRetry-After: 7\r\nX-Ignored: 1\r\nConnection: close\r\n\r\n";
        if (method != "HEAD")
            response += body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestHttpHandler : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        registerBuiltinHandlers(m_registry, HandlerSettings());
    }

    void getSummarisesTheResponse()
    {
        const HandlerResult result = run({{u"url"_s, m_server.url(u"/hello"_s)}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.result.value(u"status"_s).toInt(), 200);
        QCOMPARE(result.result.value(u"body_preview"_s).toString(), u"hello, worker"_s);
        QCOMPARE(result.result.value(u"body_bytes"_s).toInt(), 13);
        QVERIFY(result.result.value(u"elapsed_ms"_s).isDouble());
        const QJsonObject headers = result.result.value(u"headers"_s).toObject();
        QCOMPARE(headers.value(u"content-type"_s).toString(), u"text/plain; charset=utf-8"_s);
        QCOMPARE(headers.value(u"content-length"_s).toString(), u"13"_s);
        QVERIFY(!headers.contains(u"x-ignored"_s));
        QVERIFY(m_server.requests.last().startsWith("GET /hello HTTP/1.1\r\n"));
    }

    void postsJsonBodiesAndHeaders()
    {
        const HandlerResult result = run({{u"method"_s, u"post"_s},
                                          {u"url"_s, m_server.url(u"/hello"_s)},
                                          {u"headers"_s, QJsonObject{{u"X-Token"_s, u"abc"_s}}},
                                          {u"body"_s, QJsonObject{{u"name"_s, u"Zoë"_s}}}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QByteArray request = m_server.requests.last();
        QVERIFY(request.startsWith("POST /hello HTTP/1.1\r\n"));
        QVERIFY(request.contains("X-Token: abc\r\n"));
        QVERIFY(request.toLower().contains("content-type: application/json\r\n"));
        QVERIFY(request.endsWith("\r\n\r\n{\"name\":\"Zo\xC3\xAB\"}"));
    }

    void sendsStringBodiesAndOtherMethods()
    {
        HandlerResult result = run({{u"method"_s, u"PUT"_s},
                                    {u"url"_s, m_server.url(u"/hello"_s)},
                                    {u"headers"_s, QJsonObject{{u"Content-Type"_s, u"text/csv"_s}}},
                                    {u"body"_s, u"a,b\n1,2\n"_s}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(m_server.requests.last().startsWith("PUT /hello "));
        QVERIFY(m_server.requests.last().endsWith("\r\n\r\na,b\n1,2\n"));
        QVERIFY(!m_server.requests.last().toLower().contains("application/json"));
        result = run({{u"method"_s, u"HEAD"_s}, {u"url"_s, m_server.url(u"/hello"_s)}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(m_server.requests.last().startsWith("HEAD /hello "));
        QCOMPARE(result.result.value(u"body_bytes"_s).toInt(), 0);
        result = run({{u"method"_s, u"DELETE"_s}, {u"url"_s, m_server.url(u"/hello"_s)}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(m_server.requests.last().startsWith("DELETE /hello "));
    }

    void statusDecidesSuccessAndRetry_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QJsonValue>("successCodes");
        QTest::addColumn<int>("outcome");   // 0 success, 1 retryable, 2 permanent
        const QJsonValue none;
        QTest::newRow("204") << 204 << none << 0;
        QTest::newRow("503") << 503 << none << 1;
        QTest::newRow("500") << 500 << none << 1;
        QTest::newRow("429") << 429 << none << 1;
        QTest::newRow("408") << 408 << none << 1;
        QTest::newRow("404") << 404 << none << 2;
        QTest::newRow("404 accepted") << 404 << QJsonValue(QJsonArray{u"2xx"_s, 404}) << 0;
        QTest::newRow("range") << 302 << QJsonValue(QJsonArray{u"300-399"_s}) << 0;
        QTest::newRow("200 not listed") << 200 << QJsonValue(QJsonArray{201}) << 2;
    }

    void statusDecidesSuccessAndRetry()
    {
        QFETCH(int, status);
        QFETCH(QJsonValue, successCodes);
        QFETCH(int, outcome);
        QJsonObject payload{{u"url"_s, m_server.url(u"/status/%1"_s.arg(status))}};
        if (!successCodes.isUndefined())
            payload.insert(u"success_codes"_s, successCodes);
        const HandlerResult result = run(payload);
        QCOMPARE(result.result.value(u"status"_s).toInt(), status);
        QCOMPARE(result.result.value(u"headers"_s).toObject().value(u"retry-after"_s).toString(), u"7"_s);
        QCOMPARE(result.ok(), outcome == 0);
        if (outcome != 0) {
            QCOMPARE(result.permanent, outcome == 2);
            QVERIFY2(result.error.contains(u"HTTP %1"_s.arg(status)), qPrintable(result.error));
        }
    }

    void previewsTheStartOfLargeBodies()
    {
        const HandlerResult result = run({{u"url"_s, m_server.url(u"/big"_s)}});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.result.value(u"body_bytes"_s).toInt(), 1023 + 2 + 100 * 1024);
        // The half of "é" that fit is dropped rather than shown as garbage.
        QCOMPARE(result.result.value(u"body_preview"_s).toString(), QString(1023, u'a'));
    }

    // Qt follows redirects by default; a job answers with the redirect
    // unless its payload allows hops, and then no more than it allows.
    void redirectsAreFollowedOnlyWhenAllowed()
    {
        const qsizetype before = m_server.requests.size();
        const HandlerResult answered = run({{u"url"_s, m_server.url(u"/redirect/1"_s)}, {u"success_codes"_s, QJsonArray{u"3xx"_s}}});
        QVERIFY2(answered.ok(), qPrintable(answered.error));
        QCOMPARE(answered.result.value(u"status"_s).toInt(), 302);
        QCOMPARE(answered.result.value(u"headers"_s).toObject().value(u"location"_s).toString(), u"/hello"_s);
        QCOMPARE(m_server.requests.size(), before + 1);   // the redirect was not followed

        const HandlerResult followed = run({{u"url"_s, m_server.url(u"/redirect/2"_s)}, {u"max_redirects"_s, 2}});
        QVERIFY2(followed.ok(), qPrintable(followed.error));
        QCOMPARE(followed.result.value(u"status"_s).toInt(), 200);

        const HandlerResult tooMany = run({{u"url"_s, m_server.url(u"/redirect/3"_s)}, {u"max_redirects"_s, 2}});
        QVERIFY(!tooMany.ok());
        QVERIFY(tooMany.permanent);
        QVERIFY2(tooMany.error.contains(u"redirected more than 2 times"_s), qPrintable(tooMany.error));
    }

    // Only a preview is kept, and reading stops at the body cap.
    void readingStopsAtTheBodyCap()
    {
        const HandlerResult capped = run({{u"url"_s, m_server.url(u"/big"_s)}, {u"max_body_bytes"_s, 10000}});
        QVERIFY(!capped.ok());
        QVERIFY(capped.permanent);
        QVERIFY2(capped.error.contains(u"larger than 10000 bytes"_s), qPrintable(capped.error));
        const HandlerResult whole = run({{u"url"_s, m_server.url(u"/big"_s)}});
        QVERIFY(whole.ok());
        QCOMPARE(whole.result.value(u"body_bytes"_s).toInteger(), 1025 + 100 * 1024);
    }

    // A percent sign in the URL is the URL's, not a placeholder of the message.
    void percentEscapesInTheUrlSurviveTheMessage()
    {
        const HandlerResult result = run({{u"url"_s, m_server.url(u"/a%2Fb%2F"_s)}, {u"success_codes"_s, QJsonArray{201}}});
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(u"/a%2Fb%2F answered HTTP 200 Canned"_s), qPrintable(result.error));
    }

    void timesOut()
    {
        QElapsedTimer timer;
        timer.start();
        const HandlerResult result = run({{u"url"_s, m_server.url(u"/slow"_s)}, {u"timeout_ms"_s, 300}});
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(!result.permanent);
        QVERIFY2(result.error.contains(u"timed out after 300 ms"_s), qPrintable(result.error));
    }

    void stopsOnCancel()
    {
        const qsizetype before = m_server.requests.size();
        HandlerRun job(m_registry, u"http"_s, {{u"url"_s, m_server.url(u"/slow"_s)}, {u"timeout_ms"_s, 60000}});
        QVERIFY(QTest::qWaitFor([&] { return m_server.requests.size() > before; }, 5000));
        QVERIFY(job.cancelAndWait() < 2000);
        QCOMPARE(job.result().outcome, HandlerResult::Outcome::Cancelled);
    }

    void unreachableServerIsRetryable()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const HandlerResult result = run({{u"url"_s, u"http://user:secret@127.0.0.1:%1/x?key=k"_s.arg(port)}});
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(!result.permanent);
        QVERIFY2(result.error.contains(u"refused"_s), qPrintable(result.error));
        QVERIFY2(!result.error.contains(u"secret"_s) && !result.error.contains(u"key=k"_s), qPrintable(result.error));
    }

    void badPayloadsFailPermanently_data()
    {
        QTest::addColumn<QJsonObject>("payload");
        QTest::addColumn<QString>("key");
        const QString url = u"http://127.0.0.1:1/"_s;
        QTest::newRow("no url") << QJsonObject() << u"\"url\""_s;
        QTest::newRow("ftp") << QJsonObject{{u"url"_s, u"ftp://example.com/f"_s}} << u"\"url\""_s;
        QTest::newRow("relative") << QJsonObject{{u"url"_s, u"/path"_s}} << u"\"url\""_s;
        QTest::newRow("method") << QJsonObject{{u"url"_s, url}, {u"method"_s, u"FETCH"_s}} << u"\"method\""_s;
        QTest::newRow("header value") << QJsonObject{{u"url"_s, url}, {u"headers"_s, QJsonObject{{u"X-A"_s, 5}}}}
                                      << u"\"headers\""_s;
        QTest::newRow("header split")
            << QJsonObject{{u"url"_s, url}, {u"headers"_s, QJsonObject{{u"X-A"_s, u"a\r\nX-B: b"_s}}}} << u"\"headers\""_s;
        QTest::newRow("header name") << QJsonObject{{u"url"_s, url}, {u"headers"_s, QJsonObject{{u"X A"_s, u"a"_s}}}}
                                     << u"\"headers\""_s;
        QTest::newRow("body") << QJsonObject{{u"url"_s, url}, {u"body"_s, 5}} << u"\"body\""_s;
        QTest::newRow("timeout") << QJsonObject{{u"url"_s, url}, {u"timeout_ms"_s, 0}} << u"\"timeout_ms\""_s;
        QTest::newRow("codes") << QJsonObject{{u"url"_s, url}, {u"success_codes"_s, QJsonArray{u"abc"_s}}}
                               << u"\"success_codes\""_s;
        QTest::newRow("empty codes") << QJsonObject{{u"url"_s, url}, {u"success_codes"_s, QJsonArray()}}
                                     << u"\"success_codes\""_s;
        QTest::newRow("code range") << QJsonObject{{u"url"_s, url}, {u"success_codes"_s, QJsonArray{u"299-200"_s}}}
                                    << u"\"success_codes\""_s;
    }

    void badPayloadsFailPermanently()
    {
        QFETCH(QJsonObject, payload);
        QFETCH(QString, key);
        const HandlerResult result = run(payload);
        QCOMPARE(result.outcome, HandlerResult::Outcome::Failure);
        QVERIFY(result.permanent);
        QVERIFY2(result.error.contains(key), qPrintable(result.error));
    }

private:
    HandlerResult run(const QJsonObject &payload) { return runHandler(m_registry, u"http"_s, payload); }

    CannedHttpServer m_server;
    HandlerRegistry m_registry;
};

QTEST_GUILESS_MAIN(TestHttpHandler)
#include "tst_httphandler.moc"
