#pragma once

#include "db/connectionsettings.h"

#include <QString>

namespace QueueDesk {

// A named place to connect to, as the operator saved it: the app's own
// embedded PostgreSQL, or a server. Holds no password: that lives in the
// keychain (or is asked for each session).
struct ConnectionProfile
{
    enum class Kind { Local, Server };

    QString name;
    Kind kind = Kind::Server;
    QString host;
    int port = 5432;
    QString database = u"queuedesk"_s;
    QString user;
    QString sslMode;       // empty: defaultSslMode(host)
    QString sslRootCert;
    QString sslCert;
    QString sslKey;
    bool readOnly = false;

    static ConnectionProfile local(const QString &name);
    // What a new profile for this host starts with: verify-full (encrypted,
    // and the server proves its name with a certificate) for any host on the
    // network, where "prefer" would talk in clear to whoever answers or
    // downgrades it; prefer for this machine (localhost, loopback addresses,
    // a unix socket folder), where there is no network to listen on.
    static QString defaultSslMode(const QString &host);

    bool isLocal() const { return kind == Kind::Local; }
    // Settings ready to connect, with the password filled in.
    ConnectionSettings settings(const QString &password) const;
    // Where the keychain keeps this profile's password: user, server and
    // database, so renaming a profile keeps it and two profiles for the same
    // login share it.
    QString secretKey() const;
    QString validationError() const;   // empty when the profile can be used

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace QueueDesk
