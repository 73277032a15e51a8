#pragma once

#include "engine/handler.h"
#include "engine/handlerregistry.h"
#include "engine/jobcontext.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent>

#include <memory>

namespace QueueDesk::Testing {

// Runs a handler the way the engine does: on a pool thread that has no event
// loop, while the test thread keeps its own loop turning (so servers the test
// runs keep answering).
class HandlerRun final
{
public:
    HandlerRun(const HandlerRegistry &registry, const QString &type, const QJsonObject &payload,
               QThreadPool *pool = QThreadPool::globalInstance())
        : m_handler(registry.create(type))
        , m_context(1, type, u"default"_s, QString(), payload, 1, 3)
    {
        Q_ASSERT(m_handler);
        m_future = QtConcurrent::run(pool, [this] { return m_handler->run(m_context); });
    }
    ~HandlerRun() { m_future.waitForFinished(); }
    Q_DISABLE_COPY_MOVE(HandlerRun)

    JobContext &context() { return m_context; }
    bool isFinished() const { return m_future.isFinished(); }
    bool waitForFinished(int timeoutMs = 30000)
    {
        return QTest::qWaitFor([this] { return m_future.isFinished(); }, timeoutMs);
    }
    HandlerResult result()
    {
        m_future.waitForFinished();
        return m_future.result();
    }

    // Log lines so far; keeps them, unlike takeProgress().
    QStringList logLines()
    {
        m_log += m_context.takeProgress().logLines;
        return m_log;
    }

    // Cancels, and returns how long the handler took to give up.
    qint64 cancelAndWait()
    {
        QElapsedTimer timer;
        timer.start();
        m_context.requestCancel();
        waitForFinished();
        return timer.elapsed();
    }

private:
    std::unique_ptr<Handler> m_handler;
    JobContext m_context;
    QFuture<HandlerResult> m_future;
    QStringList m_log;
};

inline HandlerResult runHandler(const HandlerRegistry &registry, const QString &type, const QJsonObject &payload)
{
    HandlerRun run(registry, type, payload);
    if (!run.waitForFinished())
        qWarning("handler %s did not finish in time", qPrintable(type));
    return run.result();
}

} // namespace QueueDesk::Testing
