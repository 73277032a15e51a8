#include "connectionprofile.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace QueueDesk {

ConnectionProfile ConnectionProfile::local(const QString &name)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.kind = Kind::Local;
    profile.host.clear();
    profile.sslMode.clear();
    return profile;
}

QString ConnectionProfile::defaultSslMode(const QString &host)
{
    const QString h = host.trimmed();
    const bool thisMachine = h.isEmpty() || h.startsWith(u'/') || h.startsWith(u'@')
                             || h.compare(u"localhost"_s, Qt::CaseInsensitive) == 0 || QHostAddress(h).isLoopback();
    return thisMachine ? u"prefer"_s : u"verify-full"_s;
}

ConnectionSettings ConnectionProfile::settings(const QString &password) const
{
    ConnectionSettings s;
    s.host = host;
    s.port = port;
    s.database = database;
    s.user = user;
    s.password = password;
    s.sslMode = sslMode.isEmpty() && !isLocal() ? defaultSslMode(host) : sslMode;
    s.sslRootCert = sslRootCert;
    s.sslCert = sslCert;
    s.sslKey = sslKey;
    return s;
}

QString ConnectionProfile::secretKey() const
{
    return u"%1@%2:%3/%4"_s.arg(user, host).arg(port).arg(database);
}

QString ConnectionProfile::validationError() const
{
    auto tr = [](const char *text) { return QCoreApplication::translate("QueueDesk::ConnectionProfile", text); };
    if (name.trimmed().isEmpty())
        return tr("Give the connection a name.");
    if (isLocal())
        return {};
    if (host.trimmed().isEmpty())
        return tr("Enter the server's host name or address.");
    if (port <= 0 || port > 65535)
        return tr("The port must be between 1 and 65535.");
    if (database.trimmed().isEmpty())
        return tr("Enter the name of the database.");
    if (user.trimmed().isEmpty())
        return tr("Enter the user name.");
    return {};
}

} // namespace QueueDesk
