#include "connectionsettings.h"

#include <QStringList>

#include <libpq-fe.h>

#include <memory>
#include <span>

namespace QueueDesk {

namespace {

const QStringList sslModes{u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s};

Error invalid(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

// libpq's parse errors quote the piece of input they stumbled on ("missing
// "=" after "b" in connection info string", where b is the second word of
// an unquoted password), in the locale's quotation marks: keep what the
// problem is, drop everything from the first quotation mark to the last.
QString withoutInput(QString message)
{
    static const QString quotes = u"\"'«»„“”‘’‚‹›"_s;
    // The one quoted piece that is libpq's own: 'missing "=" after'.
    static const QString equalsSign = u"\"=\""_s;
    static const QString kept = QString(QChar(0xFFFC));
    message = message.trimmed().replace(equalsSign, kept);
    qsizetype first = -1;
    qsizetype last = -1;
    for (qsizetype i = 0; i < message.size(); ++i) {
        if (!quotes.contains(message.at(i)))
            continue;
        if (first < 0)
            first = i;
        last = i;
    }
    if (first >= 0)
        message = message.left(first) + u"\"…\""_s + message.mid(last + 1);
    return message.replace(kept, equalsSign);
}

Status applyOption(ConnectionSettings &s, const QString &key, const QString &value)
{
    if (key == u"host") s.host = value;
    else if (key == u"port") {
        bool ok = false;
        s.port = value.toInt(&ok);
        if (!ok || value.trimmed() != value || s.port < 1 || s.port > 65535)
            return invalid(u"The connection option \"port\" must be one port number from 1 to 65535."_s);
    }
    else if (key == u"dbname") s.database = value;
    else if (key == u"user") s.user = value;
    else if (key == u"password") s.password = value;
    else if (key == u"sslmode") s.sslMode = value;
    else if (key == u"sslrootcert") s.sslRootCert = value;
    else if (key == u"sslcert") s.sslCert = value;
    else if (key == u"sslkey") s.sslKey = value;
    else if (key == u"passfile") s.passFile = value;
    else if (key == u"connect_timeout") {
        bool ok = false;
        s.connectTimeoutSeconds = value.toInt(&ok);
        if (!ok || s.connectTimeoutSeconds < 0 || s.connectTimeoutSeconds > 3600)
            return invalid(u"The connection option \"connect_timeout\" must be 0 to 3600 seconds."_s);
    }
    else if (key == u"application_name") s.applicationName = value;
    else return invalid(u"QueueDesk does not support the connection option \"%1\"."_s.arg(key));
    return {};
}

// libpq conninfo quoting: single quotes around, backslash before ' and \.
QString quoted(QString value)
{
    value.replace(u'\\', u"\\\\"_s);
    value.replace(u'\'', u"\\'"_s);
    return u'\'' + value + u'\'';
}

} // namespace

Result<ConnectionSettings> ConnectionSettings::fromDsn(const QString &dsn)
{
    const QByteArray text = dsn.trimmed().toUtf8();
    if (text.isEmpty())
        return invalid(u"No connection string was given."_s);
    char *parseError = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(text.constData(), &parseError),
                                                                         &PQconninfoFree);
    if (!options) {
        const QString reason = parseError ? withoutInput(QString::fromLocal8Bit(parseError)) : u"out of memory"_s;
        PQfreemem(parseError);
        return Error(Error::Code::InvalidArgument, u"The connection string is not valid: %1."_s.arg(reason),
                     u"key=value pairs separated by spaces, a value with spaces or quotes in single quotes "
                     u"('a b', with \\' and \\\\ inside); or postgres://user:password@host:port/database?option=value "
                     u"with special characters %-encoded"_s);
    }
    ConnectionSettings s;
    for (const PQconninfoOption *option = options.get(); option->keyword; ++option) {
        if (!option->val)
            continue;
        if (Status applied = applyOption(s, QString::fromUtf8(option->keyword), QString::fromUtf8(option->val));
            !applied)
            return applied.error();
    }
    if (Status valid = s.validate(); !valid)
        return valid.error();
    return s;
}

Status ConnectionSettings::validate() const
{
    const std::pair<const char *, const QString *> fields[] = {
        {"host", &host}, {"dbname", &database}, {"user", &user}, {"password", &password},
        {"sslmode", &sslMode}, {"sslrootcert", &sslRootCert}, {"sslcert", &sslCert}, {"sslkey", &sslKey},
        {"passfile", &passFile}, {"application_name", &applicationName},
    };
    for (const auto &[name, value] : fields) {
        if (value->contains(QChar(u'\0')))
            return invalid(u"The connection option \"%1\" holds a NUL character."_s.arg(QLatin1StringView(name)));
    }
    // host, dbname, user and password go to QPSQL one by one; the rest through
    // its option string, where a ';' would become a space.
    for (const auto &[name, value] : std::span(fields).subspan(4)) {
        if (value->contains(u';'))
            return invalid(u"The connection option \"%1\" cannot hold a ';'."_s.arg(QLatin1StringView(name)));
    }
    if (!sslMode.isEmpty() && !sslModes.contains(sslMode))
        return invalid(u"The connection option \"sslmode\" must be one of %1."_s.arg(sslModes.join(u", "_s)));
    if (port < 1 || port > 65535)
        return invalid(u"The connection option \"port\" must be one port number from 1 to 65535."_s);
    return {};
}

QString ConnectionSettings::connectOptions() const
{
    QStringList options;
    const std::pair<QString, const QString *> texts[] = {
        {u"sslmode"_s, &sslMode}, {u"sslrootcert"_s, &sslRootCert}, {u"sslcert"_s, &sslCert},
        {u"sslkey"_s, &sslKey}, {u"passfile"_s, &passFile}, {u"application_name"_s, &applicationName},
    };
    for (const auto &[name, value] : texts) {
        if (!value->isEmpty())
            options << name + u'=' + quoted(*value);
    }
    if (connectTimeoutSeconds > 0)
        options << u"connect_timeout="_s + quoted(QString::number(connectTimeoutSeconds));
    return options.join(u';');
}

QString ConnectionSettings::displayName() const
{
    const QString where = host.startsWith(u'/') ? u"socket %1"_s.arg(host)
                                                 : u"%1:%2"_s.arg(host.isEmpty() ? u"localhost"_s : host).arg(port);
    return u"%1@%2/%3"_s.arg(user.isEmpty() ? u"(default user)"_s : user, where, database);
}

QString ConnectionSettings::key() const
{
    return u"%1|%2|%3|%4"_s.arg(host).arg(port).arg(database, user);
}

} // namespace QueueDesk
