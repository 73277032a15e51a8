#include "memorysecretstore.h"

#include <QTimer>

namespace QueueDesk {

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

void MemorySecretStore::answer(QObject *receiver, Callback done, SecretReply reply)
{
    ++m_requests;
    if (!m_unavailable.isEmpty())
        reply = SecretReply{SecretReply::Outcome::Unavailable, {}, m_unavailable, {}};
    // Later, from the event loop, like a keychain job: callers must not
    // depend on an answer arriving before the call returns.
    QTimer::singleShot(0, receiver, [done = std::move(done), reply] { done(reply); });
}

void MemorySecretStore::read(const QString &key, QObject *receiver, Callback done)
{
    const auto found = m_secrets.constFind(key);
    if (found == m_secrets.cend() || !m_unavailable.isEmpty())
        answer(receiver, std::move(done), {SecretReply::Outcome::NotFound, {}, tr("No password is saved for this connection."), {}});
    else
        answer(receiver, std::move(done), {SecretReply::Outcome::Ok, found.value(), {}, {}});
}

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *receiver, Callback done)
{
    if (m_unavailable.isEmpty())
        m_secrets.insert(key, secret);
    answer(receiver, std::move(done), {});
}

void MemorySecretStore::remove(const QString &key, QObject *receiver, Callback done)
{
    if (m_unavailable.isEmpty())
        m_secrets.remove(key);
    answer(receiver, std::move(done), {});
}

} // namespace QueueDesk
