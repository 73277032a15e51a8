#include "profilestore.h"

#include <QSettings>

namespace QueueDesk {

namespace {

// A typed setting: its key and the value it has when nothing is stored.
template<typename T>
struct Setting
{
    QString key;
    T fallback;

    T read(const QSettings &settings) const { return settings.value(key, QVariant::fromValue(fallback)).template value<T>(); }
    void write(QSettings &settings, const T &value) const { settings.setValue(key, QVariant::fromValue(value)); }
};

const Setting<QString> LastProfile{u"connections/lastProfile"_s, {}};
const QString ProfilesArray = u"connections/profiles"_s;
// One profile's keys, inside the array. No password key, ever.
const Setting<QString> Name{u"name"_s, {}};
const Setting<QString> Kind{u"kind"_s, u"server"_s};
const Setting<QString> Host{u"host"_s, {}};
const Setting<int> Port{u"port"_s, 5432};
const Setting<QString> DatabaseName{u"database"_s, u"queuedesk"_s};
const Setting<QString> User{u"user"_s, {}};
const Setting<QString> SslMode{u"sslmode"_s, u"prefer"_s};
const Setting<QString> SslRootCert{u"sslrootcert"_s, {}};
const Setting<QString> SslCert{u"sslcert"_s, {}};
const Setting<QString> SslKey{u"sslkey"_s, {}};
const Setting<bool> ReadOnly{u"readOnly"_s, false};

ConnectionProfile readProfile(const QSettings &s)
{
    ConnectionProfile p;
    p.name = Name.read(s);
    p.kind = Kind.read(s) == u"local" ? ConnectionProfile::Kind::Local : ConnectionProfile::Kind::Server;
    p.host = Host.read(s);
    p.port = Port.read(s);
    p.database = DatabaseName.read(s);
    p.user = User.read(s);
    p.sslMode = SslMode.read(s);
    p.sslRootCert = SslRootCert.read(s);
    p.sslCert = SslCert.read(s);
    p.sslKey = SslKey.read(s);
    p.readOnly = ReadOnly.read(s);
    return p;
}

void writeProfile(QSettings &s, const ConnectionProfile &p)
{
    Name.write(s, p.name);
    Kind.write(s, p.isLocal() ? u"local"_s : u"server"_s);
    Host.write(s, p.host);
    Port.write(s, p.port);
    DatabaseName.write(s, p.database);
    User.write(s, p.user);
    SslMode.write(s, p.sslMode);
    SslRootCert.write(s, p.sslRootCert);
    SslCert.write(s, p.sslCert);
    SslKey.write(s, p.sslKey);
    ReadOnly.write(s, p.readOnly);
}

} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
    load();
}

ProfileStore::ProfileStore(const QString &iniFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
    load();
}

ProfileStore::~ProfileStore() = default;

void ProfileStore::load()
{
    m_profiles.clear();
    const int size = m_settings->beginReadArray(ProfilesArray);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile = readProfile(*m_settings);
        if (!profile.name.isEmpty() && indexOf(profile.name) < 0)
            m_profiles.append(profile);
    }
    m_settings->endArray();
    m_last = LastProfile.read(*m_settings);
}

void ProfileStore::write()
{
    m_settings->remove(ProfilesArray);
    m_settings->beginWriteArray(ProfilesArray, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        writeProfile(*m_settings, m_profiles.at(i));
    }
    m_settings->endArray();
    LastProfile.write(*m_settings, m_last);
    m_settings->sync();
    emit changed();
}

qsizetype ProfileStore::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name == name)
            return i;
    }
    return -1;
}

std::optional<ConnectionProfile> ProfileStore::profile(const QString &name) const
{
    const qsizetype i = indexOf(name);
    return i < 0 ? std::nullopt : std::optional(m_profiles.at(i));
}

void ProfileStore::save(const ConnectionProfile &profile, const QString &previousName)
{
    const QString old = previousName.isEmpty() ? profile.name : previousName;
    // Renaming onto another profile's name replaces that profile.
    if (old != profile.name) {
        if (const qsizetype clash = indexOf(profile.name); clash >= 0)
            m_profiles.removeAt(clash);
    }
    if (const qsizetype i = indexOf(old); i >= 0)
        m_profiles[i] = profile;
    else
        m_profiles.append(profile);
    if (m_last == old)
        m_last = profile.name;
    write();
}

void ProfileStore::remove(const QString &name)
{
    const qsizetype i = indexOf(name);
    if (i < 0)
        return;
    m_profiles.removeAt(i);
    if (m_last == name)
        m_last.clear();
    write();
}

void ProfileStore::setLastProfileName(const QString &name)
{
    if (m_last == name)
        return;
    m_last = name;
    LastProfile.write(*m_settings, m_last);
    m_settings->sync();
}

} // namespace QueueDesk
