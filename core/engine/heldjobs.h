#pragma once

#include "engine/jobcontext.h"

#include <QList>
#include <QMutex>

#include <memory>

namespace QueueDesk {

// One queue's claimed jobs that no executor has taken yet, shared by the
// dispatcher (which adds what it claims) and the queue's executors (which
// take the next job as they finish the last, with no trip through the
// thread pool or the dispatcher per job). At most `limit` executors work
// the queue at once: that is the queue's concurrency in this engine.
class HeldJobs final
{
public:
    explicit HeldJobs(int limit);

    // Adds jobs in claim order; returns how many more executors to start.
    int add(const QList<std::shared_ptr<JobContext>> &jobs);
    // The next job for an executor. Null when none is left: the executor
    // then stops and is counted off.
    std::shared_ptr<JobContext> next();
    // Takes a job out before any executor does (a cancel); null if it is
    // not held any more.
    std::shared_ptr<JobContext> remove(qint64 jobId);
    QList<std::shared_ptr<JobContext>> takeAll();
    // While paused, executors take nothing and stop; add() starts them again.
    void setPaused(bool paused);
    int size() const;
    int executors() const;

private:
    mutable QMutex m_mutex;
    QList<std::shared_ptr<JobContext>> m_jobs;
    const int m_limit;
    int m_executors = 0;
    bool m_paused = false;
};

} // namespace QueueDesk
