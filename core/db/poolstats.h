#pragma once

#include <atomic>

namespace QueueDesk {

// An engine's database connections, for the metrics history and the
// dashboard: every thread that owns connections adds them to the total and
// marks them in use while a statement runs. Lock-free, so any thread may
// read it.
struct PoolStats
{
    struct Snapshot
    {
        int total = 0;
        int idle = 0;
        int inUse = 0;
        int waiting = 0;   // callers waiting for a free connection
    };

    // Marks one connection in use for its lifetime.
    class Use
    {
    public:
        explicit Use(PoolStats *stats)
            : m_stats(stats)
        {
            if (m_stats)
                m_stats->inUse.fetch_add(1, std::memory_order_relaxed);
        }
        ~Use()
        {
            if (m_stats)
                m_stats->inUse.fetch_sub(1, std::memory_order_relaxed);
        }
        Use(const Use &) = delete;
        Use &operator=(const Use &) = delete;

    private:
        PoolStats *m_stats;
    };

    std::atomic<int> total{0};
    std::atomic<int> inUse{0};
    std::atomic<int> waiting{0};

    Snapshot snapshot() const
    {
        Snapshot s;
        s.total = total.load(std::memory_order_relaxed);
        s.inUse = inUse.load(std::memory_order_relaxed);
        s.waiting = waiting.load(std::memory_order_relaxed);
        s.idle = s.total > s.inUse ? s.total - s.inUse : 0;
        return s;
    }
};

} // namespace QueueDesk
