#include "dispatcher.h"

#include "db/database.h"
#include "engine/handlerregistry.h"
#include "engine/storethread.h"
#include "queue/jobstore.h"
#include "util/logtext.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlDriver>
#include <QThreadPool>

#include <algorithm>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcDispatcher, "queuedesk.engine.dispatcher", QtInfoMsg)

namespace {
constexpr auto channel = "queuedesk_jobs";
}

Dispatcher::Dispatcher(EngineSettings settings, std::shared_ptr<const HandlerRegistry> registry, QThreadPool *pool,
                       std::shared_ptr<PoolStats> poolStats)
    : m_settings(std::move(settings))
    , m_registry(std::move(registry))
    , m_pool(pool)
    , m_poolStats(poolStats ? std::move(poolStats) : std::make_shared<PoolStats>())
    , m_pollTimer(this)
    , m_heartbeatTimer(this)
    , m_progressTimer(this)
    , m_rescueTimer(this)
    , m_reconnectTimer(this)
    , m_deadlineTimer(this)
    , m_ackTimer(this)
    , m_pacer(m_settings.batchSize)
    , m_claims(new StoreThread(m_settings.connection, u"claims"_s, m_settings.workerId, m_poolStats, this))
    , m_acks(new StoreThread(m_settings.connection, u"acks"_s, m_settings.workerId, m_poolStats, this))
    , m_inbox(std::make_shared<ResultInbox>(this, "drainInbox"))
{
    m_listenName = u"qd-listen-"_s + m_settings.workerId;
    m_workName = u"qd-work-"_s + m_settings.workerId;
    m_queueOrder = m_settings.queues.keys();
    for (auto it = m_settings.queues.cbegin(); it != m_settings.queues.cend(); ++it)
        m_held.insert(it.key(), std::make_shared<HeldJobs>(it.value()));
    connect(&m_pollTimer, &QTimer::timeout, this, &Dispatcher::pass);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &Dispatcher::heartbeat);
    connect(&m_progressTimer, &QTimer::timeout, this, &Dispatcher::flushProgress);
    connect(&m_rescueTimer, &QTimer::timeout, this, &Dispatcher::rescue);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Dispatcher::reconnect);
    m_ackTimer.setSingleShot(true);
    m_ackTimer.setInterval(m_settings.ackDelayMs);
    connect(&m_ackTimer, &QTimer::timeout, this, [this] {
        m_ackDue = true;
        queuePass();
    });
    m_deadlineTimer.setSingleShot(true);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &Dispatcher::shutdownDeadline);
}

Dispatcher::~Dispatcher()
{
    delete m_claims;
    delete m_acks;
    m_inbox->detach();
    m_store.reset();
    m_listenDb = QSqlDatabase();
    m_workDb = QSqlDatabase();
    Database::close(m_listenName);
    Database::close(m_workName);
}

WorkerInfo Dispatcher::workerInfo() const
{
    WorkerInfo info;
    info.id = m_settings.workerId;
    info.host = QHostInfo::localHostName();
    info.pid = QCoreApplication::applicationPid();
    info.version = m_settings.version;
    info.queues = m_settings.queues.keys();
    info.concurrency = m_settings.totalConcurrency();
    info.state = m_state == State::Draining ? u"draining"_s : u"running"_s;
    return info;
}

void Dispatcher::setState(State state, const QString &detail)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state, detail);
}

void Dispatcher::start()
{
    m_pollTimer.start(m_settings.pollIntervalMs);
    m_heartbeatTimer.start(m_settings.heartbeatIntervalMs);
    m_progressTimer.start(m_settings.progressIntervalMs);
    m_rescueTimer.start(m_settings.rescueIntervalMs);
    m_sinceRescan.start();
    if (connectAll()) {
        setState(State::Running);
        rescue();
        queuePass();
    }
}

// Notifications wait while a query runs on their connection, so this one
// only LISTENs; the driver watches its socket from this thread.
Status Dispatcher::openListen()
{
    auto listen = Database::open(m_settings.connection, m_listenName);
    if (!listen)
        return listen.error();
    m_listenDb = listen.value();
    connect(m_listenDb.driver(), &QSqlDriver::notification, this, &Dispatcher::onNotification, Qt::UniqueConnection);
    if (!m_listenDb.driver()->subscribeToNotification(QString::fromLatin1(channel)))
        return Error(Error::Code::ConnectionLost, u"Could not LISTEN for wake-ups."_s);
    return {};
}

// A LISTEN connection that died alone (its backend terminated, say) is
// seen by the driver when its socket closes: it is opened and subscribed
// again, and a pass catches what was missed. Without this, wake-ups fell
// back to the poll interval for good.
void Dispatcher::checkListen()
{
    if (!Database::isConnectionBad(m_listenDb))
        return;
    qCWarning(lcDispatcher) << "the LISTEN connection was lost; opening it again";
    m_listenDb = QSqlDatabase();
    Database::close(m_listenName);
    if (Status reopened = openListen(); !reopened) {
        qCWarning(lcDispatcher).noquote() << "could not LISTEN again:" << LogText::escaped(reopened.error().toString());
        return;   // the next heartbeat tries again; the poll goes on meanwhile
    }
    queuePass();
}

bool Dispatcher::connectAll()
{
    if (Status listening = openListen(); !listening) {
        disconnectAll(listening.error());
        return false;
    }
    auto work = Database::open(m_settings.connection, m_workName);
    if (!work) {
        disconnectAll(work.error());
        return false;
    }
    m_workDb = work.value();
    m_store = std::make_unique<JobStore>(m_workDb);
    if (Status registered = WorkerStore(m_workDb).registerWorker(workerInfo()); !registered) {
        disconnectAll(registered.error());
        return false;
    }
    m_connected = true;
    m_poolStats->total += 2;
    m_reconnectDelayMs = 250;
    m_floor.clear();
    qCInfo(lcDispatcher).noquote() << "worker" << m_settings.workerId << "connected to"
                                   << m_settings.connection.displayName();
    return true;
}

void Dispatcher::disconnectAll(const Error &why)
{
    const bool wasConnected = m_connected;
    m_connected = false;
    // Held jobs wait: without the database their leases cannot be renewed,
    // and another worker may rescue them meanwhile.
    for (const std::shared_ptr<HeldJobs> &held : std::as_const(m_held))
        held->setPaused(true);
    if (wasConnected)
        m_poolStats->total -= 2;
    m_store.reset();
    m_listenDb = QSqlDatabase();
    m_workDb = QSqlDatabase();
    Database::close(m_listenName);
    Database::close(m_workName);
    if (m_state != State::Draining && m_state != State::Stopped)
        setState(State::Reconnecting, why.toString());
    if (wasConnected)
        qCWarning(lcDispatcher).noquote() << "lost the database:" << LogText::escaped(why.toString()) << "- reconnecting";
    m_reconnectTimer.start(m_reconnectDelayMs);
    m_reconnectDelayMs = qMin(m_reconnectDelayMs * 2, m_settings.reconnectMaxMs);
}

void Dispatcher::reconnect()
{
    if (m_connected || m_state == State::Stopped)
        return;
    if (!connectAll())
        return;
    if (m_state == State::Reconnecting || m_state == State::Starting)
        setState(State::Running);
    for (auto it = m_held.cbegin(); it != m_held.cend(); ++it) {
        it.value()->setPaused(false);
        startExecutors(it.key(), it.value()->add({}));
    }
    flushResults();
    queuePass();
}

bool Dispatcher::handle(const Error &error, const char *what)
{
    if (!error.isError())
        return true;
    if (!m_connected) {
        // Already reconnecting: a late reply's error must not restart the backoff.
        qCDebug(lcDispatcher).noquote() << what << "failed while reconnecting:" << error.toString();
    } else if (error.code == Error::Code::ConnectionLost || error.code == Error::Code::ConnectionFailed
               || Database::isConnectionBad(m_workDb)) {
        disconnectAll(error);
    } else {
        qCWarning(lcDispatcher).noquote() << what << "failed:" << LogText::escaped(error.toString());
    }
    return false;
}

void Dispatcher::onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name == QLatin1StringView(channel) && (payload.toString().isEmpty() || m_settings.queues.contains(payload.toString())))
        queuePass();
}

void Dispatcher::queuePass()
{
    if (m_passQueued)
        return;
    m_passQueued = true;
    QMetaObject::invokeMethod(this, &Dispatcher::pass, Qt::QueuedConnection);
}

void Dispatcher::drainInbox()
{
    takeFinished();
    queuePass();
}

// A finished handler frees its executor at once (its executor has already
// taken the next held job). Its claim room waits for its outcome's write
// unless the queue claims ahead: see claimFrom().
void Dispatcher::takeFinished()
{
    // An outcome counts once, for a job still ours and not yet finished; a
    // stale one (the job was rescued from us and claimed again) is dropped.
    for (FinishedJob &job : m_inbox->take()) {
        const auto running = m_running.find(job.id);
        if (running == m_running.end() || std::exchange(running->finished, true))
            continue;
        running->ran = job.ran;
        --m_outstanding[job.queue];
        ++m_settling[job.queue];
        if (job.ran)
            m_pacer.recordRuntime(job.queue, job.runtimeMicros);
        // The queue's next claim waits for this write: no reason to wait for company.
        if (m_pacer.prefetch(job.queue, m_settings.queues.value(job.queue)) == 0)
            m_ackDue = true;
        m_unwritten.append(std::move(job));
    }
}

void Dispatcher::pass()
{
    m_passQueued = false;
    // Outcomes of handlers that outlived the shutdown deadline were given
    // back already: writing them now would act on jobs no longer ours.
    if (m_state == State::Stopped)
        return;
    takeFinished();
    // Nothing left to finish or write: a drain ends now, reachable database
    // or not (without one, it used to wait for the whole deadline).
    if (m_state == State::Draining && drained()) {
        finishShutdown();
        return;
    }
    if (!m_connected)
        return;
    PoolStats::Use use(m_poolStats.get());
    if (ackNow())
        flushResults();
    else if (!m_ackTimer.isActive())
        m_ackTimer.start(m_settings.ackDelayMs);
    if (!m_connected)
        return;
    if (m_state != State::Running) {
        if (m_state == State::Draining && drained())
            finishShutdown();
        return;
    }
    if (m_sinceRescan.elapsed() > m_settings.floorRescanMs) {
        m_floor.clear();
        m_sinceRescan.restart();
    }
    m_claimWaiting.clear();
    for (const QString &queue : std::as_const(m_queueOrder))
        claimFrom(queue);
    // Rotate so that no queue always claims first.
    if (m_queueOrder.size() > 1)
        m_queueOrder.append(m_queueOrder.takeFirst());
}

bool Dispatcher::drained() const
{
    return m_running.isEmpty() && m_unwritten.isEmpty() && m_reclaimed.isEmpty() && !m_acks->busy()
           && !m_claims->busy();
}

void Dispatcher::claimFrom(const QString &queue)
{
    // The allowance: the executors, plus a batch ahead while jobs are short,
    // less what claims in flight asked for. Claiming ahead, top up once half
    // of it is used, not for every job that finishes: that keeps claims
    // batched.
    // A job is active in the database from its claim until its outcome is
    // written, and that is what operators and a queue's concurrency limit
    // count. So without claiming ahead, a job whose outcome is still being
    // written keeps its room: this engine never has more of the queue's jobs
    // active than it has executors for it. (Claiming ahead holds up to a
    // batch more on purpose; there the writes run beside the next claims.)
    const int concurrency = m_settings.queues.value(queue);
    const int ahead = m_pacer.prefetch(queue, concurrency);
    const int settling = ahead > 0 ? 0 : m_settling.value(queue);
    const int room = concurrency + ahead - m_outstanding.value(queue) - settling - m_claiming.value(queue);
    if (room <= 0 || (ahead > 0 && room < (concurrency + ahead) / 2))
        return;
    if (m_claims->busy()) {
        // Its turn comes when the claim in flight replies.
        if (!m_claimWaiting.contains(queue))
            m_claimWaiting.append(queue);
        return;
    }
    const int limit = qMin(room, m_settings.batchSize);
    const auto floor = m_floor.constFind(queue);
    const bool hadFloor = floor != m_floor.constEnd();
    const JobStore::ClaimRequest request{queue, m_settings.workerId, limit, m_settings.leaseSeconds,
                                         hadFloor ? std::optional(*floor) : std::nullopt, {}};
    struct Claim
    {
        Result<QList<Job>> jobs;
        qint64 micros;
    };
    m_claiming[queue] += limit;
    m_claims->run<Claim>(
        [request](Result<JobStore *> store) {
            if (!store)
                return Claim{store.error(), 0};
            QElapsedTimer clock;
            clock.start();
            auto jobs = store.value()->claim(request);
            return Claim{std::move(jobs), clock.nsecsElapsed() / 1000};
        },
        [this, queue, hadFloor, limit](Claim claim) {
            claimed(queue, hadFloor, limit, std::move(claim.jobs), claim.micros);
        });
}

// A claim's reply, on our thread. Its jobs are ours whatever happened since
// it was sent: held (executors paused while the database is away), or given
// back when draining.
void Dispatcher::claimed(const QString &queue, bool hadFloor, int limit, Result<QList<Job>> jobs, qint64 micros)
{
    m_claiming[queue] -= limit;
    if (!jobs) {
        handle(jobs.error(), "claim");
        claimNextWaiting();
        return;
    }
    m_pacer.recordClaim(micros);
    // Executors take held jobs in claim order.
    std::sort(jobs.value().begin(), jobs.value().end(), JobStore::claimsBefore);
    // Another pass when this claim was full (more may wait) or when a short
    // claim above a floor may have missed rows below it; else the next queue
    // that waited for this claim gets its turn. (A pass after every reply
    // would have idle queues take turns at empty claims without end.)
    bool more = false;
    if (jobs->size() == limit) {
        m_floor.insert(queue, JobStore::floorAfter(jobs.value()));
        more = true;
    } else {
        m_floor.remove(queue);
        more = hadFloor;
    }
    QList<Job> fresh;
    fresh.reserve(jobs->size());
    for (const Job &job : jobs.value()) {
        if (const auto running = m_running.constFind(job.id); running != m_running.cend()) {
            // Its last run's outcome is being written (a retry due at once, or
            // given back): the new attempt waits until that write replied.
            if (running->finished) {
                m_reclaimed.append(job);
                continue;
            }
            // Rescued from us during an outage and claimed again while its
            // first run goes on: that run's outcome will settle it.
            qCWarning(lcDispatcher) << "claimed job" << job.id << "again while it still runs here; left to that run";
            continue;
        }
        fresh.append(job);
    }
    holdAll(queue, fresh);
    if (more || m_state != State::Running)
        queuePass();
    else
        claimNextWaiting();
}

// The next queue whose claim waited for the one that just replied.
void Dispatcher::claimNextWaiting()
{
    if (m_connected && m_state == State::Running && !m_claimWaiting.isEmpty())
        claimFrom(m_claimWaiting.takeFirst());
}

// Claimed jobs of one queue, in claim order: held for its executors, or,
// claimed after a drain began, straight back without being held.
void Dispatcher::holdAll(const QString &queue, const QList<Job> &jobs)
{
    if (jobs.isEmpty())
        return;
    QList<std::shared_ptr<JobContext>> contexts;
    QList<StartedJob> started;
    contexts.reserve(jobs.size());
    started.reserve(jobs.size());
    QList<FinishedJob> unreadable;
    for (const Job &job : jobs) {
        std::shared_ptr<JobContext> context = holdJob(job, started);
        if (job.payloadError.isEmpty()) {
            contexts.append(std::move(context));
            continue;
        }
        // Running it with an empty payload would be a silent lie.
        FinishedJob failed = notRun(*context, false);
        failed.result = HandlerResult::failure(job.payloadError, true);
        unreadable.append(std::move(failed));
    }
    emit jobsStarted(started);
    for (FinishedJob &failed : unreadable)
        m_inbox->post(std::move(failed));
    if (m_state == State::Running)
        startExecutors(queue, m_held.value(queue)->add(contexts));
    else
        giveBack(contexts);
}

// Jobs claimed again while their last outcome was being written, once it
// has been.
void Dispatcher::holdReclaimed()
{
    QHash<QString, QList<Job>> ready;
    for (qsizetype i = 0; i < m_reclaimed.size();) {
        if (m_running.contains(m_reclaimed.at(i).id)) {
            ++i;
            continue;
        }
        const Job job = m_reclaimed.takeAt(i);
        ready[job.queue].append(job);
    }
    for (auto it = ready.cbegin(); it != ready.cend(); ++it)
        holdAll(it.key(), it.value());
}

// A held job is reported started at its claim: jobs are held ahead only
// while they run shorter than a claim takes, so the difference lasts
// milliseconds.
std::shared_ptr<JobContext> Dispatcher::holdJob(const Job &job, QList<StartedJob> &started)
{
    auto context = std::make_shared<JobContext>(job.id, job.type, job.queue, job.store, job.payload, job.attempts,
                                                job.maxAttempts);
    m_running.insert(job.id, Running{context, job.queue, false, false});
    ++m_outstanding[job.queue];
    started.append({job.id, job.queue, job.type, job.payload});
    return context;
}

// Each executor runs the queue's held jobs one after another until none is
// left, posting every outcome to the inbox.
void Dispatcher::startExecutors(const QString &queue, int count)
{
    const std::shared_ptr<HeldJobs> held = m_held.value(queue);
    for (int i = 0; i < count; ++i) {
        m_pool->start([held, registry = m_registry, inbox = m_inbox] {
            while (const std::shared_ptr<JobContext> context = held->next())
                inbox->post(runHandler(*registry, context));
        });
    }
}

void Dispatcher::giveBackHeld()
{
    for (const std::shared_ptr<HeldJobs> &held : std::as_const(m_held))
        giveBack(held->takeAll());
}

// Jobs that never started: straight back to waiting, attempt not counted.
void Dispatcher::giveBack(const QList<std::shared_ptr<JobContext>> &jobs)
{
    for (const std::shared_ptr<JobContext> &context : jobs)
        m_inbox->post(notRun(*context, true));
}

// A held job that ends without running: given back (release) or cancelled.
FinishedJob Dispatcher::notRun(const JobContext &context, bool release)
{
    return FinishedJob{.id = context.jobId(),
                       .attempt = context.attempt(),
                       .queue = context.queue(),
                       .store = context.store(),
                       .payload = context.payload(),
                       .result = HandlerResult::cancelled(),
                       .release = release};
}

FinishedJob Dispatcher::runHandler(const HandlerRegistry &registry, const std::shared_ptr<JobContext> &context)
{
    QElapsedTimer clock;
    clock.start();
    HandlerResult result;
    std::unique_ptr<Handler> handler = registry.create(context->type());
    if (!handler) {
        result = HandlerResult::failure(u"No handler for job type \"%1\" in this worker."_s.arg(context->type()), true);
    } else {
        try {
            result = handler->run(*context);
        } catch (const std::exception &e) {
            result = HandlerResult::failure(u"The handler threw: %1"_s.arg(QString::fromLocal8Bit(e.what())));
        } catch (...) {
            result = HandlerResult::failure(u"The handler threw an unknown exception."_s);
        }
    }
    return FinishedJob{.id = context->jobId(),
                       .attempt = context->attempt(),
                       .queue = context->queue(),
                       .store = context->store(),
                       .payload = context->payload(),
                       .result = std::move(result),
                       .runtimeMicros = clock.nsecsElapsed() / 1000,
                       .ran = true};
}

// An outcome is written at once when the engine is otherwise idle (a lone
// job is acknowledged without delay), else when enough have collected for
// one statement to be worth its commit, or after ackDelayMs at most.
bool Dispatcher::ackNow() const
{
    if (m_unwritten.isEmpty() || m_state != State::Running || m_ackDue)
        return true;
    int busy = 0;
    for (int outstanding : m_outstanding)
        busy += outstanding;
    return busy == 0 || m_unwritten.size() >= qMax(1, m_settings.batchSize / 2);
}

// The batch goes to the acknowledgement thread, so the next claims run
// while it is written; outcomes that finish meanwhile wait for its reply.
void Dispatcher::flushResults()
{
    m_ackTimer.stop();
    m_ackDue = false;
    if (m_unwritten.isEmpty() || !m_connected || m_acks->busy())
        return;
    // After a write that failed for another reason than the connection (a
    // value the server refuses), the next waits: no retry at full speed.
    if (m_ackRetryMs > 0 && m_sinceAckFailed.elapsed() < m_ackRetryMs) {
        if (!m_ackTimer.isActive())
            m_ackTimer.start(int(m_ackRetryMs - m_sinceAckFailed.elapsed()));
        return;
    }
    m_acks->run<AckWriter::Outcome>(writeOutcomes(takeUnwritten()), [this](AckWriter::Outcome outcome) {
        acknowledged(std::move(outcome));
        queuePass();
    });
}

std::function<AckWriter::Outcome(Result<JobStore *>)> Dispatcher::writeOutcomes(QList<FinishedJob> batch) const
{
    return [batch = std::move(batch), workerId = m_settings.workerId](Result<JobStore *> store) mutable {
        if (!store) {
            AckWriter::Outcome outcome;
            outcome.retry = std::move(batch);
            outcome.error = store.error();
            return outcome;
        }
        return AckWriter(*store.value(), workerId).write(std::move(batch));
    };
}

QList<FinishedJob> Dispatcher::takeUnwritten()
{
    QList<FinishedJob> batch = std::exchange(m_unwritten, {});
    for (FinishedJob &job : batch) {
        auto running = m_running.find(job.id);
        // Cancelled by shutdown, not by a person: give it back instead.
        if (running != m_running.end() && job.result.outcome == HandlerResult::Outcome::Cancelled
            && !running->cancelledByUser)
            job.release = true;
    }
    return batch;
}

void Dispatcher::acknowledged(AckWriter::Outcome outcome)
{
    const QSet<qint64> lost(outcome.lost.begin(), outcome.lost.end());
    const QSet<qint64> retrying(outcome.retrying.begin(), outcome.retrying.end());
    QList<EndedJob> ended;
    ended.reserve(outcome.written.size());
    for (const FinishedJob &job : std::as_const(outcome.written)) {
        m_running.remove(job.id);
        --m_settling[job.queue];
        QString state = job.release ? u"released"_s
                        : job.result.outcome == HandlerResult::Outcome::Success   ? u"completed"_s
                        : job.result.outcome == HandlerResult::Outcome::Cancelled ? u"cancelled"_s
                        : retrying.contains(job.id)                               ? u"retrying"_s
                                                                                  : u"failed"_s;
        if (lost.contains(job.id)) {
            state = u"lost"_s;
            qCWarning(lcDispatcher) << "job" << job.id << "was no longer ours (lease expired?); its outcome was dropped";
        }
        ended.append({job.id, state, job.result.error});
    }
    if (!ended.isEmpty())
        emit jobsEnded(ended);
    if (!outcome.retry.isEmpty()) {
        m_unwritten = outcome.retry + m_unwritten;
        m_ackRetryMs = qBound(100, m_ackRetryMs * 2, 5000);
        m_sinceAckFailed.restart();
        handle(outcome.error, "acknowledge");
    } else {
        m_ackRetryMs = 0;
    }
    holdReclaimed();
}

void Dispatcher::heartbeat()
{
    if (!m_connected)
        return;
    checkListen();
    PoolStats::Use use(m_poolStats.get());
    if (Status beat = WorkerStore(m_workDb).heartbeat(workerInfo()); !beat) {
        handle(beat.error(), "heartbeat");
        return;
    }
    auto reply = m_store->heartbeat(m_settings.workerId, claimedAttempts(), m_settings.leaseSeconds);
    if (!reply) {
        handle(reply.error(), "extend leases");
        return;
    }
    for (qint64 id : reply->cancelRequested)
        cancelJob(id);
    for (qint64 id : reply->lost)
        lostJob(id);
}

void Dispatcher::cancelJob(qint64 id)
{
    auto running = m_running.find(id);
    if (running == m_running.end())
        return;
    running->cancelledByUser = true;
    running->context->requestCancel();
    // A held job is cancelled without running.
    if (const std::shared_ptr<JobContext> context = m_held.value(running->queue)->remove(id))
        m_inbox->post(notRun(*context, false));
}

// A job the heartbeat found no longer ours: its lease expired and it was
// rescued (and maybe claimed by another worker), or someone else settled it.
// Its handler is asked to stop at once; whatever it returns is written
// against its old attempt and changes nothing.
void Dispatcher::lostJob(qint64 id)
{
    auto running = m_running.find(id);
    if (running == m_running.end() || running->finished)
        return;   // finished meanwhile: its write reports it lost, or it was settled by us
    qCWarning(lcDispatcher) << "job" << id << "is no longer held by this worker (its lease ran out); stopping its handler";
    running->context->requestCancel();
    if (const std::shared_ptr<JobContext> context = m_held.value(running->queue)->remove(id))
        m_inbox->post(notRun(*context, false));
}

QList<JobStore::ClaimedAttempt> Dispatcher::claimedAttempts(Handlers which) const
{
    QList<JobStore::ClaimedAttempt> jobs;
    jobs.reserve(m_running.size());
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        if ((which == Handlers::Ran && !it->ran) || (which == Handlers::NotRan && it->ran))
            continue;
        jobs.append({it.key(), it->context->attempt()});
    }
    return jobs;
}

void Dispatcher::flushProgress()
{
    if (!m_connected)
        return;
    PoolStats::Use use(m_poolStats.get());
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        JobContext::ProgressReport report = it->context->takeProgress();
        if (!report.changed)
            continue;
        emit jobProgress(it.key(), report.counters, report.percent);
        if (report.counters.isEmpty() && report.percent < 0)
            continue;
        Status written = m_store->reportProgress(m_settings.workerId, {it.key(), it->context->attempt()},
                                                 report.counters, report.percent);
        if (!written && written.error().code != Error::Code::WrongState) {
            handle(written.error(), "progress");
            return;
        }
    }
}

void Dispatcher::rescue()
{
    if (!m_connected)
        return;
    PoolStats::Use use(m_poolStats.get());
    auto rescued = m_store->rescueExpired();
    if (!rescued) {
        handle(rescued.error(), "rescue");
        return;
    }
    if (!rescued->isEmpty())
        qCInfo(lcDispatcher) << "rescued" << rescued->size() << "jobs whose lease expired";
}

void Dispatcher::shutdown(int timeoutMs)
{
    if (m_state == State::Stopped)
        return;
    if (m_state == State::Draining) {
        // Asked again with no time left (a second SIGTERM): stop now, giving
        // back what still runs, without the grace a first drain allows.
        if (timeoutMs <= 0 && !m_stoppingNow) {
            m_stoppingNow = true;
            m_releasing = true;
            m_deadlineTimer.stop();
            for (auto it = m_running.begin(); it != m_running.end(); ++it)
                it->context->requestCancel();
            shutdownDeadline();
        }
        return;
    }
    setState(State::Draining);
    giveBackHeld();
    if (m_connected)
        (void)WorkerStore(m_workDb).setState(m_settings.workerId, u"draining"_s);
    m_deadlineTimer.start(qMax(0, timeoutMs));
    queuePass();
}

void Dispatcher::shutdownDeadline()
{
    // Handlers still running get asked to stop; what is left after a short
    // grace goes back to waiting for another worker.
    if (!m_releasing) {
        m_releasing = true;
        for (auto it = m_running.begin(); it != m_running.end(); ++it)
            it->context->requestCancel();
        m_deadlineTimer.start(2000);
        return;
    }
    // Claims in flight land first (their jobs are given back), then what
    // finished is written, after the write in flight: releasing first would
    // hand back jobs whose completion is on its way.
    m_claims->waitForIdle();
    m_acks->waitForIdle();
    takeFinished();
    if (m_connected && !m_unwritten.isEmpty())
        acknowledged(m_acks->runNow(writeOutcomes(takeUnwritten())));
    holdReclaimed();
    if (m_connected && !m_running.isEmpty()) {
        // What is left: handlers interrupted by the deadline (their attempt
        // does not count), and jobs that ran but whose outcome could not be
        // written (it does: running them again must bring them nearer their
        // last attempt, or a job whose outcome is never stored runs for ever).
        QList<EndedJob> ended;
        for (const auto &[jobs, attempt] : {std::pair{claimedAttempts(Handlers::NotRan), JobStore::Attempt::NotUsed},
                                            std::pair{claimedAttempts(Handlers::Ran), JobStore::Attempt::Used}}) {
            auto released = m_store->release(m_settings.workerId, jobs, attempt);
            for (qint64 id : released ? released.value() : QList<qint64>())
                ended.append({id, u"released"_s, {}});
        }
        if (!ended.isEmpty())
            emit jobsEnded(ended);
    }
    m_running.clear();
    m_outstanding.clear();
    m_settling.clear();
    finishShutdown();
}

void Dispatcher::finishShutdown()
{
    if (m_state == State::Stopped)
        return;
    m_deadlineTimer.stop();
    m_ackTimer.stop();
    m_pollTimer.stop();
    m_heartbeatTimer.stop();
    m_progressTimer.stop();
    m_rescueTimer.stop();
    m_reconnectTimer.stop();
    if (m_connected)
        (void)WorkerStore(m_workDb).setState(m_settings.workerId, u"stopped"_s);
    m_inbox->detach();
    setState(State::Stopped);
    emit stopped();
}

} // namespace QueueDesk
