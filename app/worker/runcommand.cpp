// queuedesk-worker run: the engine, until SIGTERM or SIGINT drains it.
#include "workercli.h"

#include "engine/engine.h"
#include "engine/handlerregistry.h"
#include "engine/handlers/builtinhandlers.h"
#include "unixsignalwatcher.h"
#include "util/logtext.h"
#include "workerconfig.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcWorker, "queuedesk.worker", QtInfoMsg)

namespace {

// Per-job lines would drown the log at thousands of jobs a second: failures
// are logged one by one, the rest as a summary every interval.
class ThroughputLog final : public QObject
{
public:
    explicit ThroughputLog(Engine &engine)
    {
        connect(&engine, &Engine::jobFinished, this, [this](qint64 id, const QString &outcome, const QString &error) {
            ++m_counts[outcome];
            if (outcome == u"failed" || outcome == u"lost")
                qCWarning(lcWorker).noquote() << "job" << id << outcome << LogText::escaped(error);
        });
        connect(&m_timer, &QTimer::timeout, this, &ThroughputLog::report);
        m_timer.start(10000);
    }

    void report()
    {
        if (m_counts.isEmpty())
            return;
        QStringList parts;
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
            parts << u"%1 %2"_s.arg(it.value()).arg(it.key());
        qCInfo(lcWorker).noquote() << "last 10 s:" << parts.join(u", "_s);
        m_counts.clear();
    }

private:
    QTimer m_timer;
    QMap<QString, qint64> m_counts;
};

} // namespace

int WorkerCli::runEngine(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Run the job engine on the given queues until SIGTERM or SIGINT, "
                                     u"which stop claiming and let running jobs finish."_s);
    WorkerConfig::addOptions(parser);
    std::optional<WorkerConfig> parsed;
    auto readOptions = [&parser, &parsed]() -> Status {
        auto read = WorkerConfig::fromParser(parser);
        if (!read)
            return read.error();
        parsed = std::move(read.value());
        return {};
    };
    auto body = [&parsed](QSqlDatabase &checked, const ConnectionSettings &connection) {
        // The schema check's connection is done with: kept open, it was a
        // seventh connection for the whole run where the README budgets six.
        checked.close();
        WorkerConfig *config = &*parsed;
        config->engine.connection = connection;
        config->engine.version = QCoreApplication::applicationVersion();
        config->engine.workerId = Engine::generateWorkerId();
        config->handlers.sqlConnection = connection;
        auto registry = std::make_shared<HandlerRegistry>();
        registerBuiltinHandlers(*registry, config->handlers);

        Engine engine(config->engine, registry);
        ThroughputLog log(engine);
        UnixSignalWatcher signalWatcher;
        int signalsSeen = 0;
        QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &engine, [&](int signalNumber) {
            // A second signal means "now": running jobs go back to waiting.
            const int timeout = ++signalsSeen == 1 ? config->shutdownTimeoutMs : 0;
            qCInfo(lcWorker) << "signal" << signalNumber << "- draining, up to" << timeout << "ms";
            engine.stop(timeout);
        });
        QObject::connect(&engine, &Engine::stateChanged, &engine, [](Dispatcher::State state, const QString &detail) {
            qCInfo(lcWorker).noquote() << "engine" << QVariant::fromValue(state).toString().toLower() << detail;
        });
        QObject::connect(&engine, &Engine::stopped, QCoreApplication::instance(), &QCoreApplication::quit);
        QStringList queues;
        for (auto it = config->engine.queues.cbegin(); it != config->engine.queues.cend(); ++it)
            queues << u"%1:%2"_s.arg(it.key()).arg(it.value());
        qCInfo(lcWorker).noquote() << "starting worker" << config->engine.workerId << "on" << queues.join(u',')
                                   << "with handlers" << registry->types().join(u", "_s);
        engine.start();
        QCoreApplication::exec();
        log.report();
        return int(ExitOk);
    };
    return withDatabase(parser, args, false, body, readOptions);
}

} // namespace QueueDesk
