#pragma once

#include "util/error.h"

#include <QString>

namespace QueueDesk {

// Where a QueueDesk database lives. The password is filled in at run time
// (keychain, prompt or DSN) and never written to settings or logs.
struct ConnectionSettings
{
    QString host;          // a name, an address, or a unix socket directory
    int port = 5432;
    QString database = u"postgres"_s;
    QString user;
    QString password;
    QString sslMode;       // disable, prefer, require, verify-ca, verify-full
    QString sslRootCert;
    QString sslCert;
    QString sslKey;
    int connectTimeoutSeconds = 10;
    QString applicationName = u"queuedesk"_s;

    // Accepts a postgres:// URI or a libpq key=value string.
    static Result<ConnectionSettings> fromDsn(const QString &dsn);

    // libpq options QPSQL takes through setConnectOptions().
    QString connectOptions() const;
    // For people and logs: never includes the password.
    QString displayName() const;
    // Identifies the server and database, to name pooled connections.
    QString key() const;
};

} // namespace QueueDesk
