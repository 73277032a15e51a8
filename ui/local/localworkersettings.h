#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace QueueDesk {

// What the local worker page remembers between runs of the app: the chosen
// queues with their executors, what the risky handlers may do and the drain
// time. Kept in QSettings per connection profile, or as one set when the
// page does not know the profile. Holds no secret: the sql handler's
// connection is the console's own and is filled in at start.
class LocalWorkerSettings final
{
public:
    QMap<QString, int> queues;     // chosen queue -> executors
    bool commandEnabled = false;
    QStringList commandAllowList;
    bool sqlEnabled = false;
    int drainSeconds = 30;

    // Nothing when this profile ("" for the one set) was never saved.
    static std::optional<LocalWorkerSettings> load(const QString &profile);
    void save(const QString &profile) const;

private:
    static QString group(const QString &profile);
};

} // namespace QueueDesk
