#pragma once

#include "connection/secretreply.h"

#include <QObject>

#include <functional>

namespace QueueDesk {

// Where passwords are kept: the OS keychain in the app, memory in tests.
// Every request answers later, from the event loop (never before the call
// returns and never by blocking it), in receiver's thread; nothing is
// delivered once receiver is gone.
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    using Callback = std::function<void(const SecretReply &)>;

    explicit SecretStore(QObject *parent = nullptr)
        : QObject(parent)
    {}
    ~SecretStore() override = default;

    virtual void read(const QString &key, QObject *receiver, Callback done) = 0;
    virtual void write(const QString &key, const QString &secret, QObject *receiver, Callback done) = 0;
    virtual void remove(const QString &key, QObject *receiver, Callback done) = 0;
};

} // namespace QueueDesk
