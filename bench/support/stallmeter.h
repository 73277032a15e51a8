#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace QueueDesk::Bench {

// How long the GUI thread's event loop goes without turning: a 1 ms timer
// on that thread, and the gaps between its ticks. A gap is the longest the
// window could not react to input or repaint.
class StallMeter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallMeter)

public:
    struct Outcome
    {
        double seconds = 0;
        qint64 ticks = 0;
        double maxGapMs = 0;
        double p99GapMs = 0;
        double p999GapMs = 0;
        qint64 over16Ms = 0;
        double cpuMs = 0;            // the GUI thread's CPU time meanwhile (the timer's own included)
        QList<double> worstGapsMs;   // the five longest, longest first
    };

    explicit StallMeter(QObject *parent = nullptr);

    // Runs the event loop for `seconds` while measuring.
    Outcome measure(double seconds);
    // CPU time of the calling thread so far.
    static double threadCpuMs();

private:
    void tick();
    Outcome outcome(double seconds) const;

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    QList<double> m_gapsMs;
};

} // namespace QueueDesk::Bench
