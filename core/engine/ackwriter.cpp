#include "ackwriter.h"

#include <QJsonArray>
#include <QSet>

namespace QueueDesk {

AckWriter::AckWriter(JobStore &store, QString workerId)
    : m_store(store)
    , m_workerId(std::move(workerId))
{
}

QList<NewJob> AckWriter::followUps(const FinishedJob &job) const
{
    // then: [a, b, c] runs a, then b, then c: a is enqueued now and carries
    // the rest of the chain in its own payload.
    const QJsonArray chain = job.payload.value(u"then").toArray();
    if (chain.isEmpty())
        return {};
    const QJsonObject next = chain.first().toObject();
    NewJob follow;
    follow.queue = next.value(u"queue").toString(job.queue);
    follow.type = next.value(u"type").toString();
    follow.store = next.value(u"store").toString(job.store);
    follow.priority = next.value(u"priority").toInt(0);
    follow.payload = next.value(u"payload").toObject();
    QJsonArray rest = chain;
    rest.removeFirst();
    QJsonArray own = follow.payload.value(u"then").toArray();
    for (const QJsonValue &v : std::as_const(rest))
        own.append(v);
    if (!own.isEmpty())
        follow.payload.insert(u"then"_s, own);
    follow.parentId = job.id;
    follow.createdBy = u"chain of %1"_s.arg(job.id);
    // Idempotent if the parent's completion has to be written again.
    follow.uniqueKey = u"chain:%1"_s.arg(job.id);
    return {follow};
}

Status AckWriter::enqueueChains(const QList<FinishedJob> &completed)
{
    for (const FinishedJob &job : completed) {
        for (const NewJob &follow : followUps(job)) {
            auto id = m_store.enqueue(follow);
            if (!id && id.error().code != Error::Code::UniqueConflict) {
                if (id.error().code == Error::Code::ConnectionLost || id.error().code == Error::Code::ConnectionFailed)
                    return id.error();
                // A bad follow-up (unknown queue, no type) must not block the
                // parent: its result records why nothing followed.
                qWarning("job %lld: follow-up not enqueued: %s", job.id, qPrintable(id.error().toString()));
            }
        }
    }
    return {};
}

AckWriter::Outcome AckWriter::write(QList<FinishedJob> jobs)
{
    Outcome outcome;
    QList<FinishedJob> completed, failed, cancelled, released;
    for (FinishedJob &job : jobs) {
        if (job.release)
            released.append(std::move(job));
        else if (job.result.outcome == HandlerResult::Outcome::Success)
            completed.append(std::move(job));
        else if (job.result.outcome == HandlerResult::Outcome::Cancelled)
            cancelled.append(std::move(job));
        else
            failed.append(std::move(job));
    }
    auto finish = [&](QList<FinishedJob> &group, const Result<QList<qint64>> &done) {
        if (!done) {
            outcome.error = done.error();
            outcome.retry += group;
            return;
        }
        const QSet<qint64> ok(done.value().begin(), done.value().end());
        for (FinishedJob &job : group) {
            if (!ok.contains(job.id))
                outcome.lost.append(job.id);
            outcome.written.append(std::move(job));
        }
    };
    if (!completed.isEmpty()) {
        if (Status chained = enqueueChains(completed); !chained) {
            outcome.error = chained.error();
            outcome.retry += completed;
        } else {
            QList<JobStore::Completion> rows;
            for (const FinishedJob &job : completed)
                rows.append({job.id, job.result.result});
            finish(completed, m_store.complete(m_workerId, rows));
        }
    }
    if (!failed.isEmpty()) {
        QList<JobStore::Failure> rows;
        for (const FinishedJob &job : failed)
            rows.append({job.id, job.result.error, job.result.permanent});
        auto result = m_store.fail(m_workerId, rows);
        QList<qint64> ids;
        if (result) {
            for (const JobStore::FailOutcome &f : result.value()) {
                ids.append(f.id);
                if (f.state != JobState::Failed)
                    outcome.retrying.append(f.id);
            }
        }
        finish(failed, result ? Result<QList<qint64>>(ids) : Result<QList<qint64>>(result.error()));
    }
    if (!cancelled.isEmpty()) {
        QList<qint64> ids;
        for (const FinishedJob &job : cancelled)
            ids.append(job.id);
        finish(cancelled, m_store.markCancelled(m_workerId, ids));
    }
    if (!released.isEmpty()) {
        QList<qint64> ids;
        for (const FinishedJob &job : released)
            ids.append(job.id);
        finish(released, m_store.release(m_workerId, ids));
    }
    return outcome;
}

} // namespace QueueDesk
