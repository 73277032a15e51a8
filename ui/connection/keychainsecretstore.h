#pragma once

#include "connection/secretstore.h"

namespace QKeychain {
class Job;
}

namespace QueueDesk {

// Passwords in the OS keychain through QtKeychain (the Secret Service over
// D-Bus on Linux, Keychain on macOS, the Credential Store on Windows). Jobs
// run asynchronously and report through their finished signal; the GUI
// thread never waits on them. No backend is an ordinary outcome.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);
    // Another service name keeps tests away from the operator's entries.
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);

    void read(const QString &key, QObject *receiver, Callback done) override;
    void write(const QString &key, const QString &secret, QObject *receiver, Callback done) override;
    void remove(const QString &key, QObject *receiver, Callback done) override;

    static SecretReply replyFrom(const QKeychain::Job &job);

private:
    void start(QKeychain::Job *job, QObject *receiver, Callback done);

    QString m_service;
};

} // namespace QueueDesk
