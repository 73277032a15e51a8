#pragma once

#include "dashboard/samplering.h"
#include "queue/metricspoint.h"
#include "store/snapshot.h"

#include <QList>
#include <QPointF>
#include <QStringList>

#include <array>
#include <map>
#include <optional>

namespace QueueDesk {

// What the dashboard's time charts draw.
enum class Metric {
    Waiting,
    Delayed,              // scheduled for later, retries included
    Active,
    Failed,               // the failed jobs kept (the dead-letter list)
    CompletedPerMinute,
    FailedPerMinute,
};

// The samples behind the time charts, per queue and for all queues
// together: depth by state from every refresh (and from the metrics
// history), throughput per minute. Depth is kept twice: every sample for
// the last hour or so, and the peak of each minute for a week; both rings
// are bounded, so memory does not grow while the app stays open.
class DashboardHistory final
{
public:
    static constexpr int FineCapacity = 2400;            // an hour of 2 s refreshes, and some
    static constexpr int MinuteCapacity = 7 * 24 * 60 + 60;
    static constexpr qint64 FineSpanMs = 60 * 60 * 1000; // the fine samples serve spans up to this

    // The key of all queues together.
    static QString totalKey() { return {}; }

    void addSnapshot(const Snapshot &snapshot);
    // Rows of the metrics table, any queues, any order. Tens of thousands
    // of rows take tens of milliseconds: build a history of them off the
    // GUI thread and merge() it in.
    void addHistory(const QList<MetricsPoint> &points);
    // Takes in an older history (from addHistory) in one linear pass per
    // ring; readings of this one win where both have the same time.
    void merge(const DashboardHistory &older);

    // One series over [from, to] as chart points, at most maxPoints.
    QList<QPointF> points(const QString &key, Metric metric, qint64 from, qint64 to, int maxPoints) const;
    std::optional<double> lastValue(const QString &key, Metric metric) const;
    QStringList queues() const;

private:
    static constexpr int DepthMetrics = 4;
    using Depth = std::array<double, DepthMetrics>;
    struct Rings
    {
        Rings();
        std::array<SampleRing, DepthMetrics> fine;
        std::array<SampleRing, DepthMetrics> minutes;
        SampleRing completed;
        SampleRing failed;
    };

    Rings &rings(const QString &key);
    const SampleRing *ring(const QString &key, Metric metric, bool fine) const;
    void putDepth(const QString &key, qint64 t, const Depth &depth, SampleRing::Combine fineCombine);

    std::map<QString, Rings> m_rings;
};

} // namespace QueueDesk
