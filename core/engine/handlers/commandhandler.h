#pragma once

#include "engine/handler.h"
#include "engine/handlers/commandallowlist.h"

#include <QDeadlineTimer>

class QProcess;

namespace QueueDesk {

class OutputTail;

// Runs one program from the allow-list (payload: program, args, stdin,
// timeout_ms, cwd), without a shell, and stores its exit code and the tail
// of its output. Off unless the worker's configuration turns it on.
class CommandHandler final : public Handler
{
public:
    CommandHandler(bool enabled, QStringList allowList, int defaultTimeoutMs);
    HandlerResult run(JobContext &context) override;

private:
    enum class Ending { Exited, TimedOut, Cancelled };

    struct Request
    {
        QString program;       // the path to run
        QStringList args;
        QString stdinText;
        bool hasStdin = false;
        QString cwd;
        qint64 timeoutMs = 0;  // 0: no limit
    };

    Result<Request> readRequest(const QJsonObject &payload) const;
    static bool start(QProcess &process, const Request &request);
    static Ending waitForExit(QProcess &process, JobContext &context, QDeadlineTimer deadline, OutputTail &out,
                              OutputTail &err);
    static void kill(QProcess &process);
    static HandlerResult outcome(const QProcess &process, const Request &request, Ending ending,
                                 const QJsonObject &result);

    const bool m_enabled;
    const CommandAllowList m_allowList;
    const int m_defaultTimeoutMs;
};

} // namespace QueueDesk
