#pragma once

#include "connection/secretstore.h"

#include <QHash>

namespace QueueDesk {

// Secrets in memory, for tests. Answers asynchronously like the keychain,
// and can play a desktop without a keychain (setUnavailable).
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    explicit MemorySecretStore(QObject *parent = nullptr);

    void read(const QString &key, QObject *receiver, Callback done) override;
    void write(const QString &key, const QString &secret, QObject *receiver, Callback done) override;
    void remove(const QString &key, QObject *receiver, Callback done) override;

    // A non-empty reason makes every request answer Unavailable with it.
    void setUnavailable(const QString &reason) { m_unavailable = reason; }
    bool contains(const QString &key) const { return m_secrets.contains(key); }
    int requestCount() const { return m_requests; }

private:
    void answer(QObject *receiver, Callback done, SecretReply reply);

    QHash<QString, QString> m_secrets;
    QString m_unavailable;
    int m_requests = 0;
};

} // namespace QueueDesk
