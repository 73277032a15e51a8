#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>

namespace QueueDesk::Bench {

// A QApplication that times every event the GUI thread's loop hands out
// (the outermost ones only: nested sends are part of their parent), so a
// stall can be put down to a receiver and an event type.
class TimedApplication final : public QApplication
{
public:
    struct SlowEvent
    {
        double ms = 0;
        double cpuMs = 0;   // of it, running on a CPU (the rest: waiting for one)
        QString what;   // receiver class (object name): event type
    };

    TimedApplication(int &argc, char **argv);

    bool notify(QObject *receiver, QEvent *event) override;

    struct Total
    {
        QString what;
        qint64 count = 0;
        double cpuMs = 0;
    };

    void setRecording(bool on);
    // The slowest events since recording started, slowest first.
    QList<SlowEvent> slowest(int count) const;
    // CPU time per kind of event since recording started, most first.
    QList<Total> busiest(int count) const;

private:
    QList<SlowEvent> m_events;
    QHash<QString, Total> m_totals;
    int m_depth = 0;
    bool m_recording = false;
};

} // namespace QueueDesk::Bench
