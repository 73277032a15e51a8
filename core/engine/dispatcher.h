#pragma once

#include "db/poolstats.h"
#include "engine/ackwriter.h"
#include "engine/claimpacer.h"
#include "engine/enginesettings.h"
#include "engine/finishedjob.h"
#include "engine/heldjobs.h"
#include "engine/jobevents.h"
#include "engine/jobcontext.h"
#include "engine/resultinbox.h"
#include "queue/job.h"
#include "queue/jobstore.h"
#include "queue/workerstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QTimer>

#include <memory>

class QThreadPool;

namespace QueueDesk {

class StoreThread;
class HandlerRegistry;

// The engine's loop, on its own thread with its own connections: LISTEN for
// wake-ups, claim jobs for the free executor slots (and, while jobs run
// shorter than a claim, a batch ahead: ClaimPacer), start each queue's jobs
// up to its concurrency on the executor pool, and write their outcomes back
// in batches. Claims and writes run on threads of their own (StoreThread),
// one of each at a time, so this thread only decides and takes results in.
// Results collect while a write runs, so batches grow with the load and a
// lone job on an idle engine is acknowledged at once.
class Dispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dispatcher)

public:
    enum class State { Starting, Running, Reconnecting, Draining, Stopped };
    Q_ENUM(State)

    Dispatcher(EngineSettings settings, std::shared_ptr<const HandlerRegistry> registry, QThreadPool *pool,
               std::shared_ptr<PoolStats> poolStats);
    ~Dispatcher() override;

public slots:
    void start();
    void shutdown(int timeoutMs);
    void cancelJob(qint64 id);

signals:
    void stateChanged(QueueDesk::Dispatcher::State state, const QString &detail);
    void jobsStarted(const QList<QueueDesk::StartedJob> &jobs);   // one claim's
    void jobProgress(qint64 id, const QJsonObject &counters, double percent);
    void jobsEnded(const QList<QueueDesk::EndedJob> &jobs);       // one acknowledgement's
    void stopped();

private slots:
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void pass();
    void drainInbox();
    void heartbeat();
    void flushProgress();
    void rescue();
    void reconnect();
    void shutdownDeadline();

private:
    // A claimed job, from its claim until its outcome is written: held
    // (claimed ahead, not started), executing, then finished and unwritten.
    struct Running
    {
        std::shared_ptr<JobContext> context;
        QString queue;
        bool cancelledByUser = false;
        bool finished = false;   // its handler returned (or it never ran)
        bool ran = false;        // its handler ran: its attempt is used, whatever becomes of the outcome
    };

    void queuePass();
    bool drained() const;   // nothing claimed, unwritten or in flight
    bool connectAll();
    Status openListen();
    void checkListen();
    void disconnectAll(const Error &why);
    bool handle(const Error &error, const char *what);
    void flushResults();
    QList<FinishedJob> takeUnwritten();
    void acknowledged(AckWriter::Outcome outcome);
    bool ackNow() const;
    void claimFrom(const QString &queue);
    void claimed(const QString &queue, bool hadFloor, int limit, Result<QList<Job>> jobs, qint64 micros);
    std::function<AckWriter::Outcome(Result<JobStore *>)> writeOutcomes(QList<FinishedJob> batch) const;
    std::shared_ptr<JobContext> holdJob(const Job &job, QList<StartedJob> &started);
    void startExecutors(const QString &queue, int count);
    static FinishedJob notRun(const JobContext &context, bool release);
    void lostJob(qint64 id);
    // The attempts this engine holds: all, or only those whose handler ran
    // (or did not).
    enum class Handlers { Any, Ran, NotRan };
    QList<JobStore::ClaimedAttempt> claimedAttempts(Handlers which = Handlers::Any) const;
    static FinishedJob runHandler(const HandlerRegistry &registry, const std::shared_ptr<JobContext> &context);
    void takeFinished();
    void giveBackHeld();
    void holdAll(const QString &queue, const QList<Job> &jobs);
    void holdReclaimed();
    void claimNextWaiting();
    void giveBack(const QList<std::shared_ptr<JobContext>> &jobs);
    void setState(State state, const QString &detail = {});
    void finishShutdown();
    WorkerInfo workerInfo() const;

    EngineSettings m_settings;
    std::shared_ptr<const HandlerRegistry> m_registry;
    QThreadPool *m_pool;
    std::shared_ptr<PoolStats> m_poolStats;   // our connections (listen, work, acks), for metrics and the dashboard
    State m_state = State::Starting;

    QString m_listenName;
    QString m_workName;
    QSqlDatabase m_listenDb;
    QSqlDatabase m_workDb;
    std::unique_ptr<JobStore> m_store;
    bool m_connected = false;
    int m_reconnectDelayMs = 250;

    QTimer m_pollTimer;
    QTimer m_heartbeatTimer;
    QTimer m_progressTimer;
    QTimer m_rescueTimer;
    QTimer m_reconnectTimer;
    QTimer m_deadlineTimer;
    QTimer m_ackTimer;                  // the longest an outcome waits for company
    bool m_ackDue = false;
    bool m_passQueued = false;
    QElapsedTimer m_sinceRescan;

    QHash<qint64, Running> m_running;
    QHash<QString, int> m_outstanding;                      // per queue: claimed, handler not returned
    QHash<QString, int> m_settling;                         // per queue: handler returned, outcome not written
    QHash<QString, std::shared_ptr<HeldJobs>> m_held;       // per queue: claimed, not taken by an executor
    ClaimPacer m_pacer;
    QHash<QString, JobStore::ClaimFloor> m_floor;   // per queue: where the next claim may start
    QStringList m_queueOrder;

    // Children, each a thread with its own connection: a claim runs on one
    // while outcomes are written on the other and this thread takes the
    // results in, so two server backends work at once (BENCHMARKS.md,
    // "Worker engine"). One claim and one write at a time.
    StoreThread *m_claims;
    StoreThread *m_acks;
    QHash<QString, int> m_claiming;     // per queue: jobs asked for by the claim in flight
    QStringList m_claimWaiting;         // queues whose claim waits for the one in flight
    QList<Job> m_reclaimed;             // claimed again while their last outcome was being written
    int m_ackRetryMs = 0;               // after a failed write: how long the next waits
    QElapsedTimer m_sinceAckFailed;
    std::shared_ptr<ResultInbox> m_inbox;
    QList<FinishedJob> m_unwritten;     // outcomes waiting for the database to come back
    bool m_releasing = false;
    bool m_stoppingNow = false;          // a second shutdown with no time left
};

} // namespace QueueDesk
