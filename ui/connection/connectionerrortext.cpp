#include "connectionerrortext.h"

namespace QueueDesk {

namespace {

using Problem = ConnectionErrorText::Problem;

struct Pattern
{
    const char16_t *text;
    Problem problem;
};

// libpq's and the server's own words, most specific first. The server
// writes "no pg_hba.conf entry ..., no encryption" when a line for TLS
// connections exists but the client came without it.
constexpr Pattern patterns[] = {
    {u"password authentication failed", Problem::WrongPassword},
    {u"no password supplied", Problem::PasswordNeeded},
    {u"server does not support SSL", Problem::TlsRefused},
    {u"SSL encryption", Problem::TlsRefused},
    {u"no encryption", Problem::TlsRequired},
    {u"SSL off", Problem::TlsRequired},
    {u"no pg_hba.conf entry", Problem::NotAllowed},
    {u"certificate", Problem::TlsCertificate},
    {u"root cert", Problem::TlsCertificate},
    {u"private key file", Problem::TlsCertificate},
    {u"could not translate host name", Problem::NameNotResolved},
    {u"Name or service not known", Problem::NameNotResolved},
    {u"Temporary failure in name resolution", Problem::NameNotResolved},
    {u"Connection refused", Problem::ConnectionRefused},
    {u"No such file or directory", Problem::ConnectionRefused},
    {u"No route to host", Problem::HostUnreachable},
    {u"Network is unreachable", Problem::HostUnreachable},
    {u"timeout expired", Problem::HostUnreachable},
    {u"timed out", Problem::HostUnreachable},
    {u"SSL", Problem::TlsCertificate},
};

QString hostOf(const ConnectionSettings &where)
{
    if (where.host.startsWith(u'/'))
        return QCoreApplication::translate("ConnectionErrorText", "the socket in %1").arg(where.host);
    return u"%1:%2"_s.arg(where.host.isEmpty() ? u"localhost"_s : where.host).arg(where.port);
}

} // namespace

ConnectionErrorText::Problem ConnectionErrorText::classify(const Error &error)
{
    switch (error.code) {
    case Error::Code::None:
        return Problem::None;
    case Error::Code::AuthenticationFailed:
        return Problem::WrongPassword;
    case Error::Code::SchemaMissing:
        return Problem::SchemaMissing;
    case Error::Code::SchemaTooNew:
        return Problem::SchemaTooNew;
    default:
        break;
    }
    const QString text = error.message + u'\n' + error.detail;
    if (text.contains(u"does not exist") && text.contains(u"role \""))
        return Problem::UnknownUser;
    if (text.contains(u"does not exist") && text.contains(u"database \""))
        return Problem::DatabaseMissing;
    for (const Pattern &pattern : patterns) {
        if (text.contains(QStringView(pattern.text), Qt::CaseInsensitive))
            return pattern.problem;
    }
    if (error.code == Error::Code::ConnectionLost)
        return Problem::ConnectionLost;
    return Problem::Other;
}

bool ConnectionErrorText::isPermanent(Problem problem)
{
    switch (problem) {
    case Problem::WrongPassword:
    case Problem::PasswordNeeded:
    case Problem::UnknownUser:
    case Problem::NotAllowed:
    case Problem::TlsRefused:
    case Problem::TlsRequired:
    case Problem::TlsCertificate:
    case Problem::DatabaseMissing:
    case Problem::SchemaMissing:
    case Problem::SchemaTooNew:
        return true;
    default:
        return false;
    }
}

QString ConnectionErrorText::describe(const Error &error, const ConnectionSettings &where)
{
    const Problem problem = classify(error);
    if (problem == Problem::SchemaTooNew || problem == Problem::Other || problem == Problem::None)
        return error.message;
    return describe(problem, where);
}

QString ConnectionErrorText::describe(Problem problem, const ConnectionSettings &where)
{
    const QString user = where.user.isEmpty() ? tr("(default user)") : where.user;
    switch (problem) {
    case Problem::WrongPassword:
        return tr("Wrong password: the server refused the password for user \"%1\".").arg(user);
    case Problem::PasswordNeeded:
        return tr("The server wants a password for user \"%1\" and none was given.").arg(user);
    case Problem::UnknownUser:
        return tr("The server has no user (role) named \"%1\".").arg(user);
    case Problem::NotAllowed:
        return tr("The server does not let user \"%1\" connect to database \"%2\" from this computer "
                  "(no matching line in its pg_hba.conf).").arg(user, where.database);
    case Problem::ConnectionRefused:
        return tr("Connection refused: nothing accepts connections at %1. Is PostgreSQL running there, "
                  "on that port, and listening on the network?").arg(hostOf(where));
    case Problem::HostUnreachable:
        return tr("Host unreachable: %1 did not answer. Check the address, the network and any firewall.")
            .arg(hostOf(where));
    case Problem::NameNotResolved:
        return tr("The host name \"%1\" could not be resolved: check its spelling, or the DNS.").arg(where.host);
    case Problem::TlsRefused:
        return tr("TLS refused: this connection asks for TLS (SSL), and the server does not offer it or has no "
                  "pg_hba.conf line allowing it from here. Choose SSL mode \"prefer\", or ask the server's "
                  "administrator.");
    case Problem::TlsRequired:
        return tr("TLS required: the server refused an unencrypted connection from here (no pg_hba.conf line "
                  "for user \"%1\" and database \"%2\" without TLS). Choose SSL mode \"require\" or stricter, "
                  "or ask the server's administrator to allow this computer.").arg(user, where.database);
    case Problem::TlsCertificate:
        return tr("The TLS certificates could not be used: a certificate or key file is missing or unreadable, "
                  "or the server's certificate could not be verified.");
    case Problem::DatabaseMissing:
        return tr("The database \"%1\" does not exist on this server.").arg(where.database);
    case Problem::SchemaMissing:
        return schemaMissing();
    case Problem::ConnectionLost:
        return tr("The connection to PostgreSQL was lost.");
    case Problem::SchemaTooNew:
    case Problem::Other:
    case Problem::None:
        break;
    }
    return {};
}

QString ConnectionErrorText::schemaMissing()
{
    return tr("The QueueDesk schema is missing in this database. Create it (this runs the migrations) to "
              "start using this database.");
}

QString ConnectionErrorText::schemaTooNew(int current, int latest)
{
    return tr("This database was set up by a newer QueueDesk (schema %1; this app knows up to %2). It is shown "
              "read-only, so that this older app never changes data it may not understand. Upgrade QueueDesk "
              "to change anything.").arg(current).arg(latest);
}

} // namespace QueueDesk
