#include "stallmeter.h"

#include <QEventLoop>

#include <algorithm>

#include <time.h>

namespace QueueDesk::Bench {

StallMeter::StallMeter(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
}

void StallMeter::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_gapsMs.append(double(now - m_lastNs) / 1e6);
    m_lastNs = now;
}

double StallMeter::threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

StallMeter::Outcome StallMeter::measure(double seconds)
{
    m_gapsMs.clear();
    m_gapsMs.reserve(qsizetype(seconds * 1100));
    QEventLoop loop;
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    const double cpuBefore = threadCpuMs();
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
    loop.exec();
    m_timer.stop();
    Outcome o = outcome(double(m_clock.nsecsElapsed()) / 1e9);
    o.cpuMs = threadCpuMs() - cpuBefore;
    return o;
}

StallMeter::Outcome StallMeter::outcome(double seconds) const
{
    Outcome o;
    o.seconds = seconds;
    o.ticks = m_gapsMs.size();
    if (m_gapsMs.isEmpty())
        return o;
    QList<double> sorted = m_gapsMs;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&sorted](double q) { return sorted.at(qsizetype(q * double(sorted.size() - 1))); };
    o.maxGapMs = sorted.last();
    o.p99GapMs = at(0.99);
    o.p999GapMs = at(0.999);
    o.over16Ms = std::count_if(sorted.cbegin(), sorted.cend(), [](double gap) { return gap > 16.0; });
    for (qsizetype i = sorted.size() - 1; i >= 0 && o.worstGapsMs.size() < 5; --i)
        o.worstGapsMs.append(sorted.at(i));
    return o;
}

} // namespace QueueDesk::Bench
