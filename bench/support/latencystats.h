#pragma once

#include <QList>

#include <algorithm>

namespace QueueDesk::Bench {

// Average and percentiles of measured durations, in milliseconds.
struct LatencyStats
{
    double avg = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;

    static LatencyStats fromNanos(QList<qint64> nanos)
    {
        LatencyStats stats;
        if (nanos.isEmpty())
            return stats;
        std::sort(nanos.begin(), nanos.end());
        double sum = 0;
        for (qint64 n : nanos)
            sum += n;
        auto at = [&](double q) { return nanos.at(qMin(nanos.size() - 1, qsizetype(q * nanos.size()))) / 1e6; };
        stats.avg = sum / nanos.size() / 1e6;
        stats.p50 = at(0.50);
        stats.p99 = at(0.99);
        stats.max = nanos.last() / 1e6;
        return stats;
    }
};

} // namespace QueueDesk::Bench
