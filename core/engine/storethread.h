#pragma once

#include "db/connectionsettings.h"
#include "db/poolstats.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QObject>
#include <QSqlDatabase>
#include <QThread>

#include <functional>
#include <memory>

namespace QueueDesk {

class JobStore;

// A thread with a connection of its own, for the dispatcher's statements
// that run beside each other (claims on one or more, acknowledgements on
// another): the dispatcher hands work over and goes on, the reply comes
// back on the dispatcher's thread. One piece of work at a time. The
// connection opens on first use and again after it broke; work is given
// the store, or why there is none.
class StoreThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreThread)

public:
    using Store = Result<JobStore *>;

    // name: the thread's (in profiles and debuggers); the connection is
    // named after it and the worker, so it is unique in the process.
    StoreThread(ConnectionSettings settings, const QString &name, const QString &workerId,
                std::shared_ptr<PoolStats> poolStats, QObject *parent = nullptr);
    ~StoreThread() override;   // waits for work in flight, then closes the connection there

    bool busy() const { return m_busy; }

    // Runs work on the thread; reply runs on this object's thread after.
    template<typename R>
    void run(std::function<R(Store)> work, std::function<void(R)> reply)
    {
        Q_ASSERT(!m_busy);
        m_busy = true;
        QMetaObject::invokeMethod(m_threadContext, [this, work = std::move(work), reply = std::move(reply)]() mutable {
            R result = work(store());
            afterWork();
            QMetaObject::invokeMethod(this, [this, result = std::move(result), reply = std::move(reply)]() mutable {
                m_busy = false;
                reply(std::move(result));
            }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
    }

    // Lets work in flight finish and delivers its reply, then runs this
    // and returns its result, blocking: for shutdown.
    template<typename R>
    R runNow(std::function<R(Store)> work)
    {
        waitForIdle();
        std::optional<R> result;
        QMetaObject::invokeMethod(m_threadContext, [this, &work, &result] {
            result.emplace(work(store()));
            afterWork();
        }, Qt::BlockingQueuedConnection);
        return std::move(*result);
    }

    // Lets work in flight finish and delivers its reply.
    void waitForIdle();

private:
    // On the thread.
    Store store();
    void afterWork();
    void closeConnection();

    ConnectionSettings m_settings;
    QString m_connectionName;
    std::shared_ptr<PoolStats> m_poolStats;
    QThread m_thread;
    QObject *m_threadContext;          // lives on m_thread: the target of work
    bool m_busy = false;
    QSqlDatabase m_db;                 // m_thread only
    std::unique_ptr<JobStore> m_store; // m_thread only
    std::optional<PoolStats::Use> m_use;
};

} // namespace QueueDesk
