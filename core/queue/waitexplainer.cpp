#include "waitexplainer.h"

#include "queue/statsstore.h"

#include <QLocale>
#include <QtMath>

namespace QueueDesk {

namespace {

QString when(const QDateTime &at)
{
    return at.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString duration(double seconds)
{
    const qint64 s = qMax<qint64>(1, qCeil(seconds));
    if (s < 60)
        return WaitExplainer::tr("%1 s").arg(s);
    if (s < 3600)
        return WaitExplainer::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return WaitExplainer::tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
    return WaitExplainer::tr("%1 d %2 h").arg(s / 86400).arg(s % 86400 / 3600);
}

QString storeName(const QString &store)
{
    return store.isEmpty() ? WaitExplainer::tr("(no store)", "jobs without a store") : u'"' + store + u'"';
}

// "10,000+" once a bounded count reached its limit.
QString boundedNumber(qint64 count, qint64 limit)
{
    return count > limit ? QLocale().toString(limit) + u'+' : QLocale().toString(count);
}

} // namespace

WaitExplainer::WaitExplainer(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<QList<WaitReason>> WaitExplainer::explain(qint64 jobId, std::chrono::seconds workerStaleAfter)
{
    auto facts = StatsStore(m_db).waitFacts(jobId, workerStaleAfter);
    if (!facts)
        return facts.error();
    return reasons(facts.value());
}

QList<WaitReason> WaitExplainer::reasons(const WaitFacts &f)
{
    if (f.state != JobState::Waiting && f.state != JobState::Scheduled)
        return {notWaiting(f)};
    if (!f.queueExists)
        return {{WaitReason::Code::QueueMissing,
                 tr("Its queue \"%1\" no longer exists, so no worker will claim it.").arg(f.queue)}};
    QList<WaitReason> reasons;
    if (f.paused)
        reasons.append({WaitReason::Code::QueuePaused, tr("Queue \"%1\" is paused.").arg(f.queue)});
    if (f.state == JobState::Scheduled && f.dueInSeconds > 0) {
        const QString at = when(f.runAt);
        const QString in = duration(f.dueInSeconds);
        const QString message = f.attempts == 0
            ? tr("It is delayed until %1 (in %2).").arg(at, in)
            : tr("It will be retried at %1 (in %2), after %n failed attempt(s).", nullptr, f.attempts).arg(at, in);
        reasons.append({WaitReason::Code::NotDue, message});
    }
    addLimits(f, reasons);
    addWorkers(f, reasons);
    addAhead(f, reasons);
    return reasons;
}

WaitReason WaitExplainer::notWaiting(const WaitFacts &f)
{
    const auto code = WaitReason::Code::NotWaiting;
    switch (f.state) {
    case JobState::Active:
        if (f.stalled)
            return {code, tr("It is not waiting: it is active on worker \"%1\", but its lease ran out at %2, so the "
                             "worker looks gone; it will be rescued as a stalled job.").arg(f.lockedBy, when(f.leaseUntil))};
        return {code, tr("It is not waiting: it is running now on worker \"%1\".").arg(f.lockedBy)};
    case JobState::Completed:
        return {code, tr("It is not waiting: it completed at %1.").arg(when(f.finishedAt))};
    case JobState::Failed:
        return {code, tr("It is not waiting: it failed at %1 after %n attempt(s).", nullptr, f.attempts).arg(when(f.finishedAt))};
    case JobState::Cancelled:
        return {code, tr("It is not waiting: it was cancelled at %1.").arg(when(f.finishedAt))};
    case JobState::Scheduled:
    case JobState::Waiting:
        break;
    }
    return {code, tr("It is not waiting (state %1).").arg(jobStateName(f.state))};
}

void WaitExplainer::addLimits(const WaitFacts &f, QList<WaitReason> &reasons)
{
    if (f.concurrency && f.active >= *f.concurrency)
        reasons.append({WaitReason::Code::ConcurrencyLimit,
                        tr("Queue \"%1\" is at its concurrency limit: %2 active of %3.")
                            .arg(f.queue).arg(f.active).arg(*f.concurrency)});
    if (f.rateLimit && f.rateTokens < 1) {
        if (*f.rateLimit == 0)
            reasons.append({WaitReason::Code::RateLimit,
                            tr("Queue \"%1\" has a rate limit of 0 jobs per minute, so no job starts.").arg(f.queue)});
        else
            reasons.append({WaitReason::Code::RateLimit,
                            tr("Queue \"%1\" used up its rate limit of %2 jobs per minute; the next start is "
                               "possible in %3.")
                                .arg(f.queue).arg(*f.rateLimit).arg(duration((1 - f.rateTokens) * 60 / *f.rateLimit))});
    }
    if (f.storeConcurrency && f.storeActive >= *f.storeConcurrency)
        reasons.append({WaitReason::Code::StoreLimit,
                        tr("Store %1 is at the per-store limit of queue \"%2\": %3 active of %4.")
                            .arg(storeName(f.store), f.queue).arg(f.storeActive).arg(*f.storeConcurrency)});
}

void WaitExplainer::addWorkers(const WaitFacts &f, QList<WaitReason> &reasons)
{
    if (f.liveWorkers > 0)
        return;
    QString message = tr("No live worker serves queue \"%1\": none is running with a heartbeat in the last %2.")
                          .arg(f.queue, duration(double(f.workerStaleAfterSeconds)));
    if (f.staleWorkers > 0)
        message += u' ' + tr("%n running worker(s) serve it, but without a recent heartbeat.", nullptr, int(f.staleWorkers));
    reasons.append({WaitReason::Code::NoLiveWorker, message});
}

void WaitExplainer::addAhead(const WaitFacts &f, QList<WaitReason> &reasons)
{
    // A fair claim serves stores in turn, so there only the job's own store
    // lines up in front of it; the queue-wide figure is context.
    if (f.isFair()) {
        if (f.storeAhead > 0)
            reasons.append({WaitReason::Code::JobsAhead,
                            tr("%1 waiting jobs of its store %2 are ahead of it (stores take turns; %3 in the "
                               "whole queue \"%4\").")
                                .arg(boundedNumber(f.storeAhead, f.aheadLimit), storeName(f.store),
                                     boundedNumber(f.ahead, f.aheadLimit), f.queue)});
        return;
    }
    if (f.ahead > 0)
        reasons.append({WaitReason::Code::JobsAhead, tr("%1 waiting jobs are ahead of it in queue \"%2\".")
                                                         .arg(boundedNumber(f.ahead, f.aheadLimit), f.queue)});
}

} // namespace QueueDesk
