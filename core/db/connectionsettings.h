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
    QString passFile;      // libpq's passfile; empty: $PGPASSFILE or ~/.pgpass
    int connectTimeoutSeconds = 10;
    QString applicationName = u"queuedesk"_s;

    // Accepts a postgres:// URI or a libpq key=value string, parsed by libpq
    // itself (PQconninfoParse: quoting, escapes, %-encoding as psql reads
    // them). An error names the problem and the option, never the string:
    // it may hold a password.
    static Result<ConnectionSettings> fromDsn(const QString &dsn);

    // What libpq could not be given faithfully: a NUL anywhere (the
    // connection string would end there, dropping the options after it),
    // a ';' in an option value (QPSQL turns every ';' of the options into a
    // space), an sslmode libpq does not know, a port out of range.
    Status validate() const;
    // libpq options for QPSQL's setConnectOptions(), each value quoted and
    // escaped by libpq's conninfo rules, so no value can add an option
    // ("application_name=x dbname=other"). Only for settings that validate().
    QString connectOptions() const;
    // For people and logs: never includes the password.
    QString displayName() const;
    // Identifies the server and database, to name pooled connections.
    QString key() const;
};

} // namespace QueueDesk
