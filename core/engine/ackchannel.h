#pragma once

#include "db/connectionsettings.h"
#include "db/poolstats.h"
#include "engine/ackwriter.h"

#include <QObject>
#include <QSqlDatabase>
#include <QThread>

#include <functional>
#include <memory>

namespace QueueDesk {

// Writes batches of outcomes on its own thread and connection, so that the
// dispatcher claims while the previous batch is being written: two server
// backends work at once instead of taking turns, which is what lets one
// process use more than one core of the database (BENCHMARKS.md, "Worker
// engine"). One batch at a time: outcomes that finish meanwhile wait and
// go together in the next.
class AckChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AckChannel)

public:
    using Reply = std::function<void(AckWriter::Outcome)>;

    AckChannel(ConnectionSettings settings, QString workerId, QString connectionName,
               std::shared_ptr<PoolStats> poolStats, QObject *parent = nullptr);
    ~AckChannel() override;   // waits for a write in flight, then closes the connection

    bool busy() const { return m_busy; }
    // Writes in the background; reply runs on this object's thread after.
    void write(QList<FinishedJob> batch, Reply reply);
    // Waits for a write in flight (its reply is delivered first), then
    // writes this batch and returns its outcome: for shutdown.
    AckWriter::Outcome writeNow(QList<FinishedJob> batch);

private:
    // On the channel's thread.
    AckWriter::Outcome writeBatch(QList<FinishedJob> batch);
    void closeConnection();

    ConnectionSettings m_settings;
    QString m_workerId;
    QString m_connectionName;
    std::shared_ptr<PoolStats> m_poolStats;
    QThread m_thread;
    QObject *m_threadContext;          // lives on m_thread: the target of writes
    bool m_busy = false;
    QSqlDatabase m_db;                 // m_thread only
    std::unique_ptr<JobStore> m_store; // m_thread only
};

} // namespace QueueDesk
