#include "localworkersettings.h"

#include "util/error.h"

#include <QSettings>

namespace QueueDesk {

namespace {
const QString queuesKey = u"queues"_s;
const QString commandKey = u"commandEnabled"_s;
const QString allowListKey = u"commandAllowList"_s;
const QString sqlKey = u"sqlEnabled"_s;
const QString drainKey = u"drainSeconds"_s;
} // namespace

QString LocalWorkerSettings::group(const QString &profile)
{
    if (profile.isEmpty())
        return u"localWorker"_s;
    // A profile's name may hold '/', which QSettings reads as a subgroup.
    return u"localWorker/profiles/"_s + QString::fromLatin1(profile.toUtf8().toPercentEncoding());
}

std::optional<LocalWorkerSettings> LocalWorkerSettings::load(const QString &profile)
{
    QSettings settings;
    settings.beginGroup(group(profile));
    if (!settings.contains(queuesKey))
        return std::nullopt;
    LocalWorkerSettings loaded;
    const QVariantMap queues = settings.value(queuesKey).toMap();
    for (auto it = queues.cbegin(); it != queues.cend(); ++it)
        loaded.queues.insert(it.key(), it.value().toInt());
    loaded.commandEnabled = settings.value(commandKey, false).toBool();
    loaded.commandAllowList = settings.value(allowListKey).toStringList();
    loaded.sqlEnabled = settings.value(sqlKey, false).toBool();
    loaded.drainSeconds = settings.value(drainKey, loaded.drainSeconds).toInt();
    return loaded;
}

void LocalWorkerSettings::save(const QString &profile) const
{
    QVariantMap map;
    for (auto it = queues.cbegin(); it != queues.cend(); ++it)
        map.insert(it.key(), it.value());
    QSettings settings;
    settings.beginGroup(group(profile));
    settings.setValue(queuesKey, map);
    settings.setValue(commandKey, commandEnabled);
    settings.setValue(allowListKey, commandAllowList);
    settings.setValue(sqlKey, sqlEnabled);
    settings.setValue(drainKey, drainSeconds);
}

} // namespace QueueDesk
