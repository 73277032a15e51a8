#pragma once

#include <QObject>

class QSocketNotifier;

namespace QueueDesk {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (the
// self-pipe trick: a signal handler may only write to a pipe).
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace QueueDesk
