#include "dashboardhistory.h"

#include <QMap>

namespace QueueDesk {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;

qint64 minuteOf(qint64 t)
{
    return t - t % MinuteMs;
}

int depthIndex(Metric metric)
{
    switch (metric) {
    case Metric::Waiting: return 0;
    case Metric::Delayed: return 1;
    case Metric::Active: return 2;
    case Metric::Failed: return 3;
    default: return -1;
    }
}

std::array<double, 4> depthOf(const QueueCounts &c)
{
    return {double(c.waiting), double(c.scheduled()), double(c.active), double(c.failed.value)};
}

std::array<double, 4> depthOf(const MetricsPoint &p)
{
    return {double(p.waiting), double(p.delayed + p.retrying), double(p.active), double(p.failedTotal)};
}

void add(std::array<double, 4> &sum, const std::array<double, 4> &part)
{
    for (size_t i = 0; i < sum.size(); ++i)
        sum[i] += part[i];
}

} // namespace

DashboardHistory::Rings::Rings()
    : fine{SampleRing(FineCapacity), SampleRing(FineCapacity), SampleRing(FineCapacity), SampleRing(FineCapacity)}
    , minutes{SampleRing(MinuteCapacity), SampleRing(MinuteCapacity), SampleRing(MinuteCapacity),
              SampleRing(MinuteCapacity)}
    , completed(MinuteCapacity)
    , failed(MinuteCapacity)
{
}

DashboardHistory::Rings &DashboardHistory::rings(const QString &key)
{
    return m_rings.try_emplace(key).first->second;
}

void DashboardHistory::putDepth(const QString &key, qint64 t, const Depth &depth, SampleRing::Combine fineCombine)
{
    Rings &r = rings(key);
    for (int i = 0; i < DepthMetrics; ++i) {
        r.fine[i].put(t, depth[i], fineCombine);
        r.minutes[i].put(minuteOf(t), depth[i], SampleRing::Combine::Max);
    }
}

void DashboardHistory::addSnapshot(const Snapshot &snapshot)
{
    const qint64 t = snapshot.takenAt.toMSecsSinceEpoch();
    Depth total{};
    for (const QueueCounts &c : snapshot.counts) {
        putDepth(c.queue, t, depthOf(c), SampleRing::Combine::Replace);
        add(total, depthOf(c));
    }
    putDepth(totalKey(), t, total, SampleRing::Combine::Replace);

    // The per-minute figures are counted from the jobs: they replace
    // whatever the metrics history said about the same minutes.
    QMap<qint64, std::pair<double, double>> totals;
    for (const QueueThroughput &q : snapshot.throughput) {
        Rings &r = rings(q.queue);
        for (const ThroughputPoint &p : q.minutes) {
            const qint64 minute = p.minute.toMSecsSinceEpoch();
            r.completed.put(minute, double(p.completed));
            r.failed.put(minute, double(p.failed));
            totals[minute].first += double(p.completed);
            totals[minute].second += double(p.failed);
        }
    }
    Rings &all = rings(totalKey());
    for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
        all.completed.put(it.key(), it->first);
        all.failed.put(it.key(), it->second);
    }
}

void DashboardHistory::addHistory(const QList<MetricsPoint> &points)
{
    // One sample writes every queue's row at the same instant: that groups
    // them into the totals. Live readings of the same time win.
    QMap<qint64, Depth> depthTotals;
    QMap<std::pair<QString, qint64>, std::pair<double, double>> perMinute;
    for (const MetricsPoint &p : points) {
        const qint64 t = p.at.toMSecsSinceEpoch();
        putDepth(p.queue, t, depthOf(p), SampleRing::Combine::KeepExisting);
        add(depthTotals[t], depthOf(p));
        for (const QString &key : {p.queue, totalKey()}) {
            auto &minute = perMinute[{key, minuteOf(t)}];
            minute.first += double(p.completed);
            minute.second += double(p.failed);
        }
    }
    for (auto it = depthTotals.cbegin(); it != depthTotals.cend(); ++it)
        putDepth(totalKey(), it.key(), it.value(), SampleRing::Combine::KeepExisting);
    for (auto it = perMinute.cbegin(); it != perMinute.cend(); ++it) {
        Rings &r = rings(it.key().first);
        r.completed.put(it.key().second, it->first, SampleRing::Combine::KeepExisting);
        r.failed.put(it.key().second, it->second, SampleRing::Combine::KeepExisting);
    }
}

void DashboardHistory::merge(const DashboardHistory &older)
{
    for (const auto &[key, theirs] : older.m_rings) {
        Rings &ours = rings(key);
        for (int i = 0; i < DepthMetrics; ++i) {
            ours.fine[i].merge(theirs.fine[i], SampleRing::Combine::KeepExisting);
            ours.minutes[i].merge(theirs.minutes[i], SampleRing::Combine::Max);
        }
        ours.completed.merge(theirs.completed, SampleRing::Combine::KeepExisting);
        ours.failed.merge(theirs.failed, SampleRing::Combine::KeepExisting);
    }
}

const SampleRing *DashboardHistory::ring(const QString &key, Metric metric, bool fine) const
{
    const auto it = m_rings.find(key);
    if (it == m_rings.end())
        return nullptr;
    const Rings &r = it->second;
    if (metric == Metric::CompletedPerMinute)
        return &r.completed;
    if (metric == Metric::FailedPerMinute)
        return &r.failed;
    const int index = depthIndex(metric);
    return fine ? &r.fine[index] : &r.minutes[index];
}

QList<QPointF> DashboardHistory::points(const QString &key, Metric metric, qint64 from, qint64 to, int maxPoints) const
{
    const SampleRing *r = ring(key, metric, to - from <= FineSpanMs);
    return r ? r->points(from, to, maxPoints) : QList<QPointF>();
}

std::optional<double> DashboardHistory::lastValue(const QString &key, Metric metric) const
{
    const SampleRing *r = ring(key, metric, true);
    if (!r || !r->last())
        return std::nullopt;
    return r->last()->v;
}

QStringList DashboardHistory::queues() const
{
    QStringList names;
    for (const auto &[key, rings] : m_rings) {
        if (key != totalKey())
            names.append(key);
    }
    return names;
}

} // namespace QueueDesk
