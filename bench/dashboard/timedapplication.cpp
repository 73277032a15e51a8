#include "timedapplication.h"

#include "stallmeter.h"

#include <QEvent>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QMetaEnum>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QueueDesk::Bench {

namespace {

// Only events this long are kept: the rest cannot explain a stall.
constexpr double KeepAboveMs = 2.0;

QString describe(QObject *receiver, QEvent *event)
{
    const QString type = QString::fromLatin1(QMetaEnum::fromType<QEvent::Type>().valueToKey(event->type()));
    QString name = receiver->objectName();
    // A chart's scene: name the chart view it is drawn in.
    if (auto *scene = qobject_cast<QGraphicsScene *>(receiver); scene && !scene->views().isEmpty())
        name = scene->views().constFirst()->objectName();
    return u"%1%2: %3"_s.arg(QString::fromLatin1(receiver->metaObject()->className()),
                             name.isEmpty() ? QString() : u" ("_s + name + u')', type);
}

} // namespace

TimedApplication::TimedApplication(int &argc, char **argv)
    : QApplication(argc, argv)
{
}

bool TimedApplication::notify(QObject *receiver, QEvent *event)
{
    // Other threads' events (the store thread's work) stall nothing here.
    if (QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);
    if (!m_recording || m_depth > 0) {
        ++m_depth;
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        return handled;
    }
    const QString what = describe(receiver, event);   // before: the event may delete the receiver
    QElapsedTimer timer;
    timer.start();
    const double cpu = StallMeter::threadCpuMs();
    ++m_depth;
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    const double cpuMs = StallMeter::threadCpuMs() - cpu;
    if (ms >= KeepAboveMs)
        m_events.append({ms, cpuMs, what});
    Total &total = m_totals[what];
    total.what = what;
    ++total.count;
    total.cpuMs += cpuMs;
    return handled;
}

void TimedApplication::setRecording(bool on)
{
    m_recording = on;
    if (on) {
        m_events.clear();
        m_totals.clear();
    }
}

QList<TimedApplication::SlowEvent> TimedApplication::slowest(int count) const
{
    QList<SlowEvent> sorted = m_events;
    std::sort(sorted.begin(), sorted.end(), [](const SlowEvent &a, const SlowEvent &b) { return a.ms > b.ms; });
    return sorted.mid(0, count);
}

QList<TimedApplication::Total> TimedApplication::busiest(int count) const
{
    QList<Total> sorted = m_totals.values();
    std::sort(sorted.begin(), sorted.end(), [](const Total &a, const Total &b) { return a.cpuMs > b.cpuMs; });
    return sorted.mid(0, count);
}

} // namespace QueueDesk::Bench
