#include "samplering.h"

#include <algorithm>

namespace QueueDesk {

namespace {

bool earlier(const SampleRing::Sample &s, qint64 t)
{
    return s.t < t;
}

double combined(double existing, double fresh, SampleRing::Combine combine)
{
    switch (combine) {
    case SampleRing::Combine::Replace: return fresh;
    case SampleRing::Combine::Max: return std::max(existing, fresh);
    case SampleRing::Combine::KeepExisting: return existing;
    }
    return fresh;
}

} // namespace

SampleRing::SampleRing(int capacity)
    : m_capacity(std::max(1, capacity))
{
}

void SampleRing::put(qint64 t, double v, Combine combine)
{
    if (m_samples.empty() || t > m_samples.back().t) {
        m_samples.push_back({t, v});   // the live path: always at the end
    } else {
        auto it = std::lower_bound(m_samples.begin(), m_samples.end(), t, earlier);
        if (it != m_samples.end() && it->t == t) {
            it->v = combined(it->v, v, combine);
            return;
        }
        if (it == m_samples.begin() && int(m_samples.size()) >= m_capacity)
            return;   // older than everything kept: it would be pushed out at once
        m_samples.insert(it, {t, v});
    }
    while (int(m_samples.size()) > m_capacity)
        m_samples.pop_front();
}

void SampleRing::merge(const SampleRing &other, Combine combine)
{
    if (other.m_samples.empty())
        return;
    std::deque<Sample> merged;
    auto a = m_samples.cbegin();
    auto b = other.m_samples.cbegin();
    while (a != m_samples.cend() || b != other.m_samples.cend()) {
        if (b == other.m_samples.cend() || (a != m_samples.cend() && a->t < b->t)) {
            merged.push_back(*a++);
        } else if (a == m_samples.cend() || b->t < a->t) {
            merged.push_back(*b++);
        } else {
            merged.push_back({a->t, combined(a->v, b->v, combine)});
            ++a;
            ++b;
        }
    }
    while (int(merged.size()) > m_capacity)
        merged.pop_front();
    m_samples.swap(merged);
}

std::optional<SampleRing::Sample> SampleRing::last() const
{
    if (m_samples.empty())
        return std::nullopt;
    return m_samples.back();
}

std::optional<SampleRing::Sample> SampleRing::first() const
{
    if (m_samples.empty())
        return std::nullopt;
    return m_samples.front();
}

QList<QPointF> SampleRing::points(qint64 from, qint64 to, int maxPoints) const
{
    const auto begin = std::lower_bound(m_samples.begin(), m_samples.end(), from, earlier);
    const auto end = std::upper_bound(begin, m_samples.end(), to,
                                      [](qint64 t, const Sample &s) { return t < s.t; });
    const auto count = std::distance(begin, end);
    QList<QPointF> points;
    if (count <= maxPoints || maxPoints < 1) {
        points.reserve(count);
        for (auto it = begin; it != end; ++it)
            points.append(QPointF(double(it->t), it->v));
        return points;
    }
    // Equal time slices, each drawn at its highest sample.
    points.reserve(maxPoints);
    const double slice = double(to - from + 1) / maxPoints;
    std::optional<Sample> peak;
    qint64 current = -1;
    for (auto it = begin; it != end; ++it) {
        const qint64 index = qint64(double(it->t - from) / slice);
        if (index != current && peak) {
            points.append(QPointF(double(peak->t), peak->v));
            peak.reset();
        }
        current = index;
        if (!peak || it->v > peak->v)
            peak = *it;
    }
    if (peak)
        points.append(QPointF(double(peak->t), peak->v));
    return points;
}

} // namespace QueueDesk
