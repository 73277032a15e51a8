#pragma once

#include <QList>
#include <QPointF>

#include <deque>
#include <optional>

namespace QueueDesk {

// One chart series' samples, oldest first, at most `capacity` of them: a
// new sample past the capacity pushes the oldest out, so a dashboard left
// open for a week holds as much as one opened a minute ago. Samples may
// arrive out of order (history from the metrics table lands after the
// first live ones): they are put in their place.
class SampleRing final
{
public:
    struct Sample
    {
        qint64 t = 0;     // ms since the epoch
        double v = 0;
    };
    // What happens when a sample lands on a time that is already there.
    enum class Combine {
        Replace,          // the newer reading wins
        Max,              // a bucket keeps its peak
        KeepExisting,     // a fallback source (history) does not override live readings
    };

    explicit SampleRing(int capacity);

    void put(qint64 t, double v, Combine combine = Combine::Replace);
    // Takes in all of other's samples in one linear pass (other's are the
    // newcomers for `combine`), then drops the oldest past the capacity.
    void merge(const SampleRing &other, Combine combine);
    void clear() { m_samples.clear(); }

    int size() const { return int(m_samples.size()); }
    int capacity() const { return m_capacity; }
    std::optional<Sample> last() const;
    std::optional<Sample> first() const;
    // The samples in [from, to] as chart points (x = ms since the epoch),
    // at most maxPoints: past that, each of maxPoints equal time slices
    // keeps its highest sample, so short peaks stay visible.
    QList<QPointF> points(qint64 from, qint64 to, int maxPoints) const;

private:
    std::deque<Sample> m_samples;
    int m_capacity;
};

} // namespace QueueDesk
