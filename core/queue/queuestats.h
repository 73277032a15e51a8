#pragma once

#include "queue/job.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace QueueDesk {

// How StatsStore::counts() gets its figures. Unfinished figures come from
// small partial indexes; only a big backlog of waiting jobs costs much.
enum class CountMode {
    Exact,       // counts every row: right, but slow on a big table
    Estimated,   // finished figures counted up to a bound, estimated past it
    Quick,       // the waiting figure too: what a refresh every few seconds can afford
};

// A figure that may be an estimate; an estimate is never below the bound
// that was actually counted.
struct Count
{
    qint64 value = 0;
    bool estimated = false;
};

// Jobs of one queue by state. Every queue is listed, with or without jobs.
struct QueueCounts
{
    QString queue;
    bool paused = false;
    qint64 delayed = 0;    // scheduled, never run
    qint64 retrying = 0;   // scheduled again after a failed attempt
    qint64 waiting = 0;
    bool waitingEstimated = false;   // Quick mode, past the bound
    qint64 active = 0;
    qint64 stalled = 0;    // the part of active past its lease
    Count completed;
    Count failed;
    Count cancelled;

    qint64 scheduled() const { return delayed + retrying; }
};

struct StoreLoad
{
    QString store;         // '' is "no store"
    qint64 waiting = 0;
    qint64 active = 0;
};

// Waiting and active jobs of one queue per store: the busiest stores by
// waiting jobs, and the rest summed.
struct StoreBreakdown
{
    QString queue;
    QList<StoreLoad> top;
    StoreLoad others;      // its store is empty
    qint64 otherStores = 0;
};

// Runtimes (started to finished) and waits (due to started) of the jobs of
// one queue that finished in a window, in milliseconds. All zero without jobs.
struct QueueTimings
{
    QString queue;
    qint64 jobs = 0;
    double runtimeAvgMs = 0;
    double runtimeP95Ms = 0;
    double waitAvgMs = 0;
    double waitP95Ms = 0;
};

struct ThroughputPoint
{
    QDateTime minute;      // the start of the minute
    qint64 completed = 0;
    qint64 failed = 0;
};

// One point per minute, oldest first, minutes without jobs included.
struct QueueThroughput
{
    QString queue;
    QList<ThroughputPoint> minutes;
};

// Everything that decides whether one job can start now, read in one round
// trip; WaitExplainer turns it into reasons.
struct WaitFacts
{
    qint64 jobId = 0;
    QString queue;
    QString store;
    JobState state = JobState::Waiting;
    QDateTime runAt;
    double dueInSeconds = 0;          // run_at - now(); > 0: not due yet
    int attempts = 0;
    QString lockedBy;
    QDateTime leaseUntil;
    bool stalled = false;             // active past its lease
    QDateTime finishedAt;

    bool queueExists = false;
    bool paused = false;
    std::optional<int> concurrency;
    std::optional<int> rateLimit;
    std::optional<int> storeConcurrency;
    std::optional<int> perStoreLimit;
    double rateTokens = 0;            // after refill, as the claim computes it
    qint64 active = 0;                // in the queue
    qint64 storeActive = 0;           // in the queue, of the job's store
    qint64 liveWorkers = 0;           // running, fresh heartbeat, serving the queue
    qint64 staleWorkers = 0;          // running, serving the queue, heartbeat too old
    qint64 ahead = -1;                // waiting jobs claimed before it; -1: not in line
    qint64 storeAhead = -1;           // the same within its store, fair queues only
    qint64 aheadLimit = 0;            // counts above this were cut short
    qint64 workerStaleAfterSeconds = 0;

    bool isFair() const { return perStoreLimit.has_value() || storeConcurrency.has_value(); }
};

} // namespace QueueDesk
