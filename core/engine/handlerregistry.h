#pragma once

#include "engine/handler.h"

#include <QHash>
#include <QReadWriteLock>
#include <QStringList>

#include <functional>
#include <memory>

namespace QueueDesk {

// Job type -> handler factory. Filled before the engine starts; looked up
// from executor threads.
class HandlerRegistry final
{
public:
    using Factory = std::function<std::unique_ptr<Handler>()>;

    void add(const QString &type, Factory factory);
    template<typename T>
    void add(const QString &type)
    {
        add(type, [] { return std::make_unique<T>(); });
    }
    // nullptr for an unknown type.
    std::unique_ptr<Handler> create(const QString &type) const;
    bool contains(const QString &type) const;
    QStringList types() const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, Factory> m_factories;
};

} // namespace QueueDesk
