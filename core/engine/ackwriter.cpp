#include "ackwriter.h"

#include "util/logtext.h"

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
                qWarning("job %lld: follow-up not enqueued: %s", job.id, qPrintable(LogText::escaped(id.error().toString())));
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
        switch (kindOf(job)) {
        case Kind::Completed: completed.append(std::move(job)); break;
        case Kind::Failed: failed.append(std::move(job)); break;
        case Kind::Cancelled: cancelled.append(std::move(job)); break;
        case Kind::Released: released.append(std::move(job)); break;
        }
    }
    for (QList<FinishedJob> *group : {&completed, &failed, &cancelled, &released})
        writeGroup(std::move(*group), outcome);
    return outcome;
}

AckWriter::Kind AckWriter::kindOf(const FinishedJob &job)
{
    if (job.release)
        return Kind::Released;
    switch (job.result.outcome) {
    case HandlerResult::Outcome::Success: return Kind::Completed;
    case HandlerResult::Outcome::Cancelled: return Kind::Cancelled;
    case HandlerResult::Outcome::Failure: break;
    }
    return Kind::Failed;
}

// One statement for a group of one kind. A group the server refuses for a
// data reason is split in halves until the job it cannot store stands alone:
// sending the same batch again would fail again for ever, and hold back every
// outcome behind it. That job then fails for good, with the server's reason.
void AckWriter::writeGroup(QList<FinishedJob> group, Outcome &outcome)
{
    if (group.isEmpty())
        return;
    Result<Written> written = writeOnce(group);
    if (written) {
        const QSet<qint64> ours(written->ids.begin(), written->ids.end());
        outcome.retrying += written->retrying;
        for (FinishedJob &job : group) {
            if (!ours.contains(job.id))
                outcome.lost.append(job.id);
            outcome.written.append(std::move(job));
        }
        return;
    }
    if (!written.error().isDataError()) {
        outcome.error = written.error();
        outcome.retry += group;
        return;
    }
    if (group.size() > 1) {
        const qsizetype half = group.size() / 2;
        writeGroup(group.mid(0, half), outcome);
        writeGroup(group.mid(half), outcome);
        return;
    }
    refused(std::move(group.first()), written.error(), outcome);
}

// A job whose outcome the server refuses fails for good, with the reason.
// Should even that be refused (a trigger or rule of the operator's refusing
// the row), the job is left to its lease: rescue settles it, and this worker
// is not wedged by it.
void AckWriter::refused(FinishedJob job, const Error &why, Outcome &outcome)
{
    static const QString prefix = u"QueueDesk could not store this job's outcome"_s;
    const bool firstRefusal = kindOf(job) != Kind::Failed || !job.result.error.startsWith(prefix);
    if (firstRefusal) {
        qWarning("job %lld: the server refused its outcome (%s); failing it for good",
                 job.id, qPrintable(LogText::escaped(why.detail, 500)));
        job.release = false;
        job.result = HandlerResult::failure(u"%1: %2"_s.arg(prefix, why.detail), true);
        writeGroup({std::move(job)}, outcome);
        return;
    }
    qWarning("job %lld: the server refused even its failure; left to its lease", job.id);
    outcome.lost.append(job.id);
    outcome.written.append(std::move(job));
}

Result<AckWriter::Written> AckWriter::writeOnce(const QList<FinishedJob> &group)
{
    QList<JobStore::ClaimedAttempt> claimed;
    claimed.reserve(group.size());
    for (const FinishedJob &job : group)
        claimed.append({job.id, job.attempt});
    switch (kindOf(group.first())) {
    case Kind::Completed: {
        if (Status chained = enqueueChains(group); !chained)
            return chained.error();
        QList<JobStore::Completion> rows;
        for (const FinishedJob &job : group)
            rows.append({job.id, job.attempt, job.result.result});
        return written(m_store.complete(m_workerId, rows));
    }
    case Kind::Failed: {
        QList<JobStore::Failure> rows;
        for (const FinishedJob &job : group)
            rows.append({job.id, job.attempt, job.result.error, job.result.permanent});
        auto failed = m_store.fail(m_workerId, rows);
        if (!failed)
            return failed.error();
        Written done;
        for (const JobStore::FailOutcome &f : failed.value()) {
            done.ids.append(f.id);
            if (f.state != JobState::Failed)
                done.retrying.append(f.id);
        }
        return done;
    }
    case Kind::Cancelled:
        return written(m_store.markCancelled(m_workerId, claimed));
    case Kind::Released:
        return written(m_store.release(m_workerId, claimed));
    }
    Q_UNREACHABLE();
    return Error();
}

Result<AckWriter::Written> AckWriter::written(const Result<QList<qint64>> &ids)
{
    if (!ids)
        return ids.error();
    return Written{ids.value(), {}};
}

} // namespace QueueDesk
