#include "handlerregistry.h"

namespace QueueDesk {

void HandlerRegistry::add(const QString &type, Factory factory)
{
    QWriteLocker lock(&m_lock);
    m_factories.insert(type, std::move(factory));
}

std::unique_ptr<Handler> HandlerRegistry::create(const QString &type) const
{
    QReadLocker lock(&m_lock);
    const auto it = m_factories.constFind(type);
    return it == m_factories.cend() ? nullptr : it.value()();
}

bool HandlerRegistry::contains(const QString &type) const
{
    QReadLocker lock(&m_lock);
    return m_factories.contains(type);
}

QStringList HandlerRegistry::types() const
{
    QReadLocker lock(&m_lock);
    QStringList list = m_factories.keys();
    list.sort();
    return list;
}

} // namespace QueueDesk
