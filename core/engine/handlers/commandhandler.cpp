#include "commandhandler.h"

#include "engine/handlers/outputtail.h"
#include "engine/handlers/payloadreader.h"
#include "engine/jobcontext.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#ifdef Q_OS_LINUX
#include <linux/close_range.h>
#endif
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace QueueDesk {

namespace {

constexpr qsizetype outputLimit = 64 * 1024;
constexpr int sliceMs = 50;
constexpr qint64 maxTimeoutMs = 7LL * 24 * 3600 * 1000;

// What a child sees of the worker's environment: enough to run ordinary
// programs, nothing of the worker's own (QUEUEDESK_DSN with its password,
// PGPASSWORD, PGPASSFILE, tokens...). A job that needs more passes it in
// its arguments or stdin.
QProcessEnvironment childEnvironment()
{
    const QProcessEnvironment worker = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    for (const QString &kept : {u"LANG"_s, u"LC_ALL"_s, u"TZ"_s, u"HOME"_s, u"TMPDIR"_s}) {
        if (worker.contains(kept))
            env.insert(kept, worker.value(kept));
    }
    return env;
}

#ifdef Q_OS_UNIX
// In the child, before exec: its own process group (so a kill also reaches
// what it starts), and every descriptor past stdin, stdout and stderr closed
// at exec. The worker's descriptors (its database sockets, the signal pipe
// a job could write to and stop it) are not the job's.
void prepareChild()
{
    ::setpgid(0, 0);
#if defined(SYS_close_range) && defined(CLOSE_RANGE_CLOEXEC)
    if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
        return;
#endif
    const long open = ::sysconf(_SC_OPEN_MAX);
    for (int fd = 3; fd < (open > 0 && open < 65536 ? open : 65536); ++fd) {
        const int flags = ::fcntl(fd, F_GETFD);
        if (flags >= 0)
            ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
}
#endif

QString lastLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.mid(trimmed.lastIndexOf(u'\n') + 1).right(300);
}

} // namespace

CommandHandler::CommandHandler(bool enabled, QStringList allowList, int defaultTimeoutMs)
    : m_enabled(enabled)
    , m_allowList(std::move(allowList))
    , m_defaultTimeoutMs(defaultTimeoutMs)
{
}

Result<CommandHandler::Request> CommandHandler::readRequest(const QJsonObject &payload) const
{
    const PayloadReader reader(payload);
    Request request;
    const auto program = reader.string(u"program"_s);
    const auto args = reader.stringList(u"args"_s);
    const auto stdinText = reader.string(u"stdin"_s, QString());
    const auto cwd = reader.string(u"cwd"_s, QString());
    // Less than the operator's limit, never more, and never none.
    const auto timeout = reader.integer(u"timeout_ms"_s, 1, m_defaultTimeoutMs > 0 ? m_defaultTimeoutMs : maxTimeoutMs,
                                        m_defaultTimeoutMs);
    for (const Error *error : {&program.error(), &args.error(), &stdinText.error(), &cwd.error(), &timeout.error()}) {
        if (error->isError())
            return *error;
    }
    const auto path = m_allowList.resolve(program.value());
    if (!path)
        return path.error();
    if (!cwd->isEmpty() && !QDir(cwd.value()).exists())
        return PayloadReader::invalid(u"cwd"_s, u"names a folder that does not exist on this worker"_s);
    return Request{path.value(), args.value(), stdinText.value(), reader.has(u"stdin"_s), cwd.value(), timeout.value()};
}

HandlerResult CommandHandler::run(JobContext &context)
{
    if (!m_enabled)
        return HandlerResult::failure(u"The command handler is disabled in this worker's configuration."_s, true);
    const auto request = readRequest(context.payload());
    if (!request)
        return PayloadReader::reject(request.error());

    QProcess process;
    QElapsedTimer elapsed;
    elapsed.start();
    if (!start(process, request.value()))
        return HandlerResult::failure(u"Could not start %1: %2"_s.arg(request->program, process.errorString()), true);
    context.log(u"started %1 (pid %2)"_s.arg(request->program, QString::number(process.processId())));

    OutputTail out(outputLimit);
    OutputTail err(outputLimit);
    const QDeadlineTimer deadline = request->timeoutMs > 0 ? QDeadlineTimer(request->timeoutMs)
                                                           : QDeadlineTimer(QDeadlineTimer::Forever);
    const Ending ending = waitForExit(process, context, deadline, out, err);
    if (ending == Ending::Cancelled)
        return HandlerResult::cancelled();
    const QJsonObject result{{u"exit_code"_s, process.exitStatus() == QProcess::CrashExit
                                                  ? QJsonValue() : QJsonValue(process.exitCode())},
                             {u"stdout"_s, out.text()},
                             {u"stderr"_s, err.text()},
                             {u"stdout_bytes"_s, out.total()},
                             {u"stderr_bytes"_s, err.total()},
                             {u"elapsed_ms"_s, elapsed.elapsed()}};
    return outcome(process, request.value(), ending, result);
}

HandlerResult CommandHandler::outcome(const QProcess &process, const Request &request, Ending ending,
                                      const QJsonObject &result)
{
    const QString name = QDir(request.program).dirName();
    QString failure;
    if (ending == Ending::TimedOut)
        failure = u"%1 did not finish within %2 ms and was killed"_s.arg(name, QString::number(request.timeoutMs));
    else if (process.exitStatus() == QProcess::CrashExit)
        failure = u"%1 crashed or was killed"_s.arg(name);
    else if (process.exitCode() != 0)
        failure = u"%1 exited with code %2"_s.arg(name, QString::number(process.exitCode()));
    if (failure.isEmpty())
        return HandlerResult::success(result);
    // The last line of error output is usually the one that says why.
    const QString why = lastLine(result.value(u"stderr"_s).toString());
    failure += why.isEmpty() ? u"."_s : u": "_s + why;
    return HandlerResult::failure(failure, false, result);
}

bool CommandHandler::start(QProcess &process, const Request &request)
{
    process.setProgram(request.program);
    process.setArguments(request.args);
    process.setWorkingDirectory(request.cwd);
    process.setProcessEnvironment(childEnvironment());
#ifdef Q_OS_UNIX
    process.setChildProcessModifier(prepareChild);
#endif
    if (!request.hasStdin)
        process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(-1))
        return false;
    if (request.hasStdin) {
        process.write(request.stdinText.toUtf8());
        process.closeWriteChannel();
    }
    return true;
}

CommandHandler::Ending CommandHandler::waitForExit(QProcess &process, JobContext &context, QDeadlineTimer deadline,
                                                   OutputTail &out, OutputTail &err)
{
    // QProcess's blocking waits need no event loop, which this thread lacks.
    // Output is drained every slice so it never piles up beyond the tails.
    Ending ending = Ending::Exited;
    while (process.state() != QProcess::NotRunning) {
        if (context.isCancelled() || deadline.hasExpired()) {
            ending = context.isCancelled() ? Ending::Cancelled : Ending::TimedOut;
            kill(process);
            break;
        }
        const qint64 remaining = deadline.isForever() ? sliceMs : qMax<qint64>(deadline.remainingTime(), 1);
        process.waitForFinished(int(qMin<qint64>(sliceMs, remaining)));
        out.append(process.readAllStandardOutput());
        err.append(process.readAllStandardError());
    }
    out.append(process.readAllStandardOutput());
    err.append(process.readAllStandardError());
    return ending;
}

void CommandHandler::kill(QProcess &process)
{
#ifdef Q_OS_UNIX
    if (process.processId() > 0)
        ::kill(-pid_t(process.processId()), SIGKILL);
#endif
    process.kill();
    process.waitForFinished(-1);
}

} // namespace QueueDesk
