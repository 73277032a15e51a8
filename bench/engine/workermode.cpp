#include "workermode.h"

#include "benchhandlers.h"
#include "engine/engine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace QueueDesk::EngineBench {

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

} // namespace

int WorkerMode::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({u"dsn"_s, u"Database."_s, u"dsn"_s});
    parser.addOption({u"executors"_s, u"Executors."_s, u"n"_s, u"4"_s});
    parser.addOption({u"batch"_s, u"Most jobs per claim."_s, u"n"_s, u"100"_s});
    parser.process(arguments);
    auto connection = ConnectionSettings::fromDsn(parser.value(u"dsn"_s));
    if (!connection) {
        std::fprintf(stderr, "worker: %s\n", qPrintable(connection.error().toString()));
        return 2;
    }
    EngineSettings settings;
    settings.connection = connection.value();
    settings.connection.applicationName = u"queuedesk-enginebench-worker"_s;
    settings.queues = {{u"default"_s, parser.value(u"executors"_s).toInt()}};
    settings.batchSize = parser.value(u"batch"_s).toInt();
    settings.version = u"enginebench"_s;

    Engine engine(settings, benchRegistry());
    qint64 completed = 0, other = 0, reported = -1;
    QObject::connect(&engine, &Engine::jobFinished, &engine, [&](qint64, const QString &state, const QString &) {
        ++(state == u"completed" ? completed : other);
    });
    QObject::connect(&engine, &Engine::stateChanged, &engine, [](Dispatcher::State state, const QString &) {
        if (state == Dispatcher::State::Running)
            say(u"ready"_s);
    });
    QTimer report;
    QObject::connect(&report, &QTimer::timeout, &engine, [&] {
        if (completed + other == reported)
            return;
        reported = completed + other;
        say(u"count %1 %2"_s.arg(completed).arg(other));
    });
    report.start(5);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &engine, [&] {
        char buffer[256];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0 || QByteArray(buffer, int(got)).contains("stop")) {
            input.setEnabled(false);
            engine.stop(5000);
        }
    });
    QObject::connect(&engine, &Engine::stopped, &engine, [&] {
        report.stop();
        say(u"stopped %1 %2"_s.arg(completed).arg(other));
        QCoreApplication::quit();
    });
    engine.start();
    return QCoreApplication::exec();
}

} // namespace QueueDesk::EngineBench
