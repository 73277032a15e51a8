#include "claimrun.h"

#include "queue/jobstore.h"
#include "scopedconnection.h"

#include <QElapsedTimer>
#include <QThread>

#include <memory>

namespace QueueDesk::Bench {

struct ClaimState
{
    JobStore::ClaimRequest request;
    bool drained = false;
};

ClaimRun::ClaimRun(ConnectionSettings settings, Config config)
    : m_settings(std::move(settings))
    , m_config(std::move(config))
    , m_ready(m_config.threads)
{
}

QString ClaimRun::Outcome::curve() const
{
    if (perSecond.size() < 4)
        return u"-"_s;
    const qint64 first = (perSecond.at(0) + perSecond.at(1)) / 2;
    const qint64 last = (perSecond.at(perSecond.size() - 1) + perSecond.at(perSecond.size() - 2)) / 2;
    return u"%1->%2"_s.arg(first).arg(last);
}

void ClaimRun::fail(const QString &message)
{
    QMutexLocker lock(&m_errorMutex);
    if (m_error.isEmpty())
        m_error = message;
    m_stop = true;
}

bool ClaimRun::claimAndComplete(JobStore &store, ClaimState &state)
{
    auto jobs = store.claim(state.request);
    if (!jobs) {
        fail(jobs.error().toString());
        return false;
    }
    ++m_claims;
    const bool full = jobs->size() == m_config.batch;
    if (!full)
        ++m_shortClaims;
    if (jobs->isEmpty()) {
        // Empty from the head: the queue is drained for this worker.
        state.drained = !state.request.floor;
        state.request.floor.reset();
        return true;
    }
    QList<JobStore::Completion> completions;
    completions.reserve(jobs->size());
    for (const Job &job : jobs.value())
        completions.append(JobStore::Completion{job.id, job.attempts, {}});
    if (m_config.floor && full)
        state.request.floor = JobStore::floorAfter(jobs.value());
    else
        state.request.floor.reset();
    auto done = store.complete(state.request.workerId, completions);
    if (!done) {
        fail(done.error().toString());
        return false;
    }
    m_jobs += done->size();
    return true;
}

void ClaimRun::work(int index)
{
    ScopedConnection conn;
    const QString name = u"bench-claim-%1"_s.arg(index);
    if (Status opened = conn.open(m_settings, name); !opened)
        fail(opened.error().toString());
    m_ready.count_down();
    m_go.wait();
    if (m_stop)
        return;
    JobStore store(conn.db());
    ClaimState state;
    state.request.queue = m_config.queue;
    state.request.workerId = name;
    state.request.limit = m_config.batch;
    state.request.leaseSeconds = 300;
    while (!m_stop && !state.drained) {
        if (!claimAndComplete(store, state))
            break;
    }
}

Result<ClaimRun::Outcome> ClaimRun::run()
{
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < m_config.threads; ++i) {
        threads.emplace_back(QThread::create([this, i] { work(i); }));
        threads.back()->setObjectName(u"claim-%1"_s.arg(i));
        threads.back()->start();
    }
    m_ready.wait();   // every connection is open before the clock starts
    Outcome outcome;
    QElapsedTimer clock;
    clock.start();
    m_go.count_down();
    qint64 sampled = 0;
    auto allFinished = [&] {
        return std::all_of(threads.begin(), threads.end(), [](const auto &t) { return t->isFinished(); });
    };
    for (int second = 1; !allFinished(); ++second) {
        while (clock.elapsed() < second * 1000 && !allFinished())
            QThread::msleep(5);   // sampling once a second; workers run unhindered
        const qint64 now = m_jobs.load();
        if (clock.elapsed() >= second * 1000)
            outcome.perSecond.append(now - sampled);
        sampled = now;
        if (m_config.seconds > 0 && clock.elapsed() >= m_config.seconds * 1000)
            m_stop = true;
    }
    for (auto &thread : threads)
        thread->wait();
    outcome.seconds = clock.nsecsElapsed() / 1e9;
    if (!m_error.isEmpty())
        return Error(Error::Code::Database, u"A claim worker failed."_s, m_error);
    outcome.jobs = m_jobs;
    outcome.claims = m_claims;
    outcome.shortClaims = m_shortClaims;
    return outcome;
}

} // namespace QueueDesk::Bench
