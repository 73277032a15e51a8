#pragma once

#include "connection/connectionprofile.h"

#include <QList>
#include <QObject>

#include <memory>
#include <optional>

class QSettings;

namespace QueueDesk {

// The saved connection profiles and which one was used last, kept with
// QSettings. Read once when created, written on every change. Never holds
// a password.
class ProfileStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    // The application's own settings (organisation and application name).
    explicit ProfileStore(QObject *parent = nullptr);
    // An INI file of its own: for tests and portable setups.
    explicit ProfileStore(const QString &iniFile, QObject *parent = nullptr);
    ~ProfileStore() override;

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    std::optional<ConnectionProfile> profile(const QString &name) const;
    // Adds the profile or replaces the one named previousName (or its own name).
    void save(const ConnectionProfile &profile, const QString &previousName = {});
    void remove(const QString &name);

    QString lastProfileName() const { return m_last; }
    void setLastProfileName(const QString &name);
    std::optional<ConnectionProfile> lastProfile() const { return profile(m_last); }

signals:
    void changed();

private:
    void load();
    void write();
    qsizetype indexOf(const QString &name) const;

    std::unique_ptr<QSettings> m_settings;
    QList<ConnectionProfile> m_profiles;
    QString m_last;
};

} // namespace QueueDesk
