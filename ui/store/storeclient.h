#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

namespace QueueDesk {

class StoreWorker;

// The UI's only way to the database. All SQL runs on one thread of its own
// with its own connection; the GUI thread hands it work as functions (which
// call the stores) and gets the results back as queued calls, so the event
// loop never waits on PostgreSQL. A lost connection is retried with backoff
// and reported through connectionStateChanged().
class StoreClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreClient)

public:
    enum class ConnectionState { Disconnected, Connecting, Connected, Lost };
    Q_ENUM(ConnectionState)

    explicit StoreClient(QObject *parent = nullptr);
    ~StoreClient() override;

    void connectTo(const ConnectionSettings &settings);
    void disconnectFromServer();
    ConnectionState connectionState() const { return m_state; }
    const ConnectionSettings &settings() const { return m_settings; }

    // Runs work(db) on the store thread, then done(result) on receiver's
    // thread (unless receiver is gone). Results of a request superseded by a
    // newer one with the same non-empty key are dropped, so a slow reply never
    // overwrites a fresh one.
    template<typename R>
    void run(QObject *receiver, const QString &key, std::function<R(QSqlDatabase &)> work,
             std::function<void(const R &)> done)
    {
        // optional: R need not be default-constructible (Result<T> is not).
        auto result = std::make_shared<std::optional<R>>();
        submit(receiver, key, [work = std::move(work), result](QSqlDatabase &db) { result->emplace(work(db)); },
               [done = std::move(done), result] {
                   if (*result)
                       done(**result);
               });
    }

signals:
    void connectionStateChanged(QueueDesk::StoreClient::ConnectionState state, const QueueDesk::Error &error);

private:
    void submit(QObject *receiver, const QString &key, std::function<void(QSqlDatabase &)> work,
                std::function<void()> done);
    void setState(ConnectionState state, const Error &error);

    QThread m_thread;
    StoreWorker *m_worker = nullptr;
    ConnectionSettings m_settings;
    ConnectionState m_state = ConnectionState::Disconnected;
    QHash<QString, quint64> m_latest;
    quint64 m_sequence = 0;
};

} // namespace QueueDesk
