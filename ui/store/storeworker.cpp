#include "storeworker.h"

#include "connection/connectionerrortext.h"
#include "db/database.h"
#include "store/storeclient.h"

#include <QLoggingCategory>

#include <atomic>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcStore, "queuedesk.ui.store", QtInfoMsg)

namespace {
// QSqlDatabase names are process-wide: each worker needs its own.
QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return u"qd-ui-store-%1"_s.arg(++counter);
}
} // namespace

StoreWorker::StoreWorker()
    : m_name(nextConnectionName())
    , m_retry(this)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &StoreWorker::tryConnect);
}

StoreWorker::~StoreWorker()
{
    close();
}

void StoreWorker::open(const ConnectionSettings &settings)
{
    close();
    m_settings = settings;
    m_wanted = true;
    m_retryDelayMs = 500;
    tryConnect();
}

void StoreWorker::close()
{
    m_wanted = false;
    m_retry.stop();
    m_db = QSqlDatabase();
    Database::close(m_name);
}

void StoreWorker::tryConnect()
{
    if (!m_wanted)
        return;
    auto db = Database::open(m_settings, m_name);
    if (!db) {
        // A wrong password, a TLS refusal or a pg_hba rejection will not fix
        // itself: report it and stop trying.
        const bool retry = !ConnectionErrorText::isPermanent(ConnectionErrorText::classify(db.error()));
        emit stateChanged(int(StoreClient::ConnectionState::Lost), db.error());
        if (retry) {
            m_retry.start(m_retryDelayMs);
            m_retryDelayMs = qMin(m_retryDelayMs * 2, 10000);
        }
        return;
    }
    m_db = db.value();
    m_retryDelayMs = 500;
    emit stateChanged(int(StoreClient::ConnectionState::Connected), {});
}

void StoreWorker::lost(const Error &error)
{
    qCWarning(lcStore).noquote() << "connection lost:" << error.toString();
    m_db = QSqlDatabase();
    Database::close(m_name);
    emit stateChanged(int(StoreClient::ConnectionState::Lost), error);
    m_retry.start(m_retryDelayMs);
}

void StoreWorker::execute(const std::function<void(QSqlDatabase &)> &work)
{
    work(m_db);
    if (m_db.isValid() && Database::isConnectionBad(m_db))
        lost(Error(Error::Code::ConnectionLost, u"The connection to PostgreSQL was lost."_s));
}

} // namespace QueueDesk
