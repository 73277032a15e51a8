#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <functional>

namespace QueueDesk {

// StoreClient's other half, living on the store thread: owns the connection,
// runs the work it is given, reconnects with backoff when the server goes.
class StoreWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWorker)

public:
    StoreWorker();
    ~StoreWorker() override;

    void open(const ConnectionSettings &settings);
    void close();
    // Runs work unless there is no connection; then finished() tells the
    // caller's side to deliver its result anyway (work saw an invalid db).
    void execute(const std::function<void(QSqlDatabase &)> &work);

signals:
    void stateChanged(int state, const QueueDesk::Error &error);

private:
    void tryConnect();
    void lost(const Error &error);

    ConnectionSettings m_settings;
    QString m_name;
    QSqlDatabase m_db;
    QTimer m_retry;
    int m_retryDelayMs = 500;
    bool m_wanted = false;
};

} // namespace QueueDesk
