#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QCoreApplication>

namespace QueueDesk {

// Turns an Error (with libpq's text in its detail) into words an operator
// can act on: wrong password, connection refused, name not resolved, TLS
// refused or required, database or schema missing, schema newer than this app.
class ConnectionErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionErrorText)

public:
    enum class Problem {
        None,
        WrongPassword,
        PasswordNeeded,
        UnknownUser,
        NotAllowed,          // pg_hba.conf has no line for this user, database and host
        ConnectionRefused,   // nothing listens there (or the socket is missing)
        HostUnreachable,     // no route, network down, timed out
        NameNotResolved,
        TlsRefused,          // TLS asked for, the server has none (or forbids it)
        TlsRequired,         // the server only accepts TLS from here
        TlsCertificate,      // a certificate could not be read or verified
        DatabaseMissing,
        SchemaMissing,
        SchemaTooNew,
        ConnectionLost,
        Other,
    };

    static Problem classify(const Error &error);
    // One or two sentences for a banner or the connection dialog.
    static QString describe(const Error &error, const ConnectionSettings &where = {});
    // Retrying the same settings cannot help: the operator must change something.
    static bool isPermanent(Problem problem);
    static bool needsPassword(Problem problem)
    {
        return problem == Problem::WrongPassword || problem == Problem::PasswordNeeded;
    }

    static QString schemaMissing();
    static QString schemaTooNew(int current, int latest);

private:
    static QString describe(Problem problem, const ConnectionSettings &where);
};

} // namespace QueueDesk
