#include "keychainsecretstore.h"

#include "util/error.h"

#include <QPointer>

#include <qt6keychain/keychain.h>

namespace QueueDesk {

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : KeychainSecretStore(u"queuedesk"_s, parent)
{
}

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{
}

SecretReply KeychainSecretStore::replyFrom(const QKeychain::Job &job)
{
    SecretReply reply;
    reply.detail = job.errorString();
    switch (job.error()) {
    case QKeychain::NoError:
        reply.detail.clear();
        if (const auto *read = qobject_cast<const QKeychain::ReadPasswordJob *>(&job))
            reply.secret = read->textData();
        break;
    case QKeychain::EntryNotFound:
        reply.outcome = SecretReply::Outcome::NotFound;
        reply.message = tr("No password is saved in the keychain for this connection.");
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        reply.outcome = SecretReply::Outcome::Unavailable;
        reply.message = tr("The keychain refused access, so the password is asked for each session.");
        break;
    // Without a Secret Service on D-Bus, QtKeychain reports OtherError.
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        reply.outcome = SecretReply::Outcome::Unavailable;
        reply.message = tr("No keychain is available on this desktop (no Secret Service), so the password "
                           "is not saved and is asked for each session.");
        break;
    case QKeychain::CouldNotDeleteEntry:
        reply.outcome = SecretReply::Outcome::Failed;
        reply.message = tr("The keychain could not delete the saved password.");
        break;
    }
    return reply;
}

void KeychainSecretStore::start(QKeychain::Job *job, QObject *receiver, Callback done)
{
    job->setAutoDelete(true);
    // QtKeychain's plain-file fallback would write the password in clear.
    job->setInsecureFallback(false);
    QPointer<QObject> guard(receiver);
    connect(job, &QKeychain::Job::finished, receiver, [guard, done = std::move(done)](QKeychain::Job *finished) {
        if (guard)
            done(replyFrom(*finished));
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *receiver, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    start(job, receiver, std::move(done));
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *receiver, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    start(job, receiver, std::move(done));
}

void KeychainSecretStore::remove(const QString &key, QObject *receiver, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    start(job, receiver, std::move(done));
}

} // namespace QueueDesk
