#include "connectionsettings.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace QueueDesk {

namespace {

bool applyOption(ConnectionSettings &s, const QString &key, const QString &value)
{
    if (key == u"host") s.host = value;
    else if (key == u"port") {
        bool ok = false;
        s.port = value.toInt(&ok);
        return ok && s.port > 0 && s.port < 65536;
    }
    else if (key == u"dbname") s.database = value;
    else if (key == u"user") s.user = value;
    else if (key == u"password") s.password = value;
    else if (key == u"sslmode") s.sslMode = value;
    else if (key == u"sslrootcert") s.sslRootCert = value;
    else if (key == u"sslcert") s.sslCert = value;
    else if (key == u"sslkey") s.sslKey = value;
    else if (key == u"connect_timeout") s.connectTimeoutSeconds = value.toInt();
    else if (key == u"application_name") s.applicationName = value;
    else return false;
    return true;
}

Result<ConnectionSettings> fromUri(const QString &dsn)
{
    const QUrl url(dsn, QUrl::StrictMode);
    if (!url.isValid())
        return Error(Error::Code::InvalidArgument, u"The connection URI is not valid."_s, url.errorString());
    ConnectionSettings s;
    s.host = url.host();
    s.port = url.port(5432);
    s.user = url.userName();
    s.password = url.password();
    const QString path = url.path();
    if (path.size() > 1)
        s.database = path.mid(1);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!applyOption(s, key, value))
            return Error(Error::Code::InvalidArgument, u"Unknown or invalid connection option \"%1\"."_s.arg(key));
    }
    return s;
}

Result<ConnectionSettings> fromKeywords(const QString &dsn)
{
    ConnectionSettings s;
    const QStringList parts = dsn.split(u' ', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq <= 0)
            return Error(Error::Code::InvalidArgument, u"Expected key=value in the connection string, got \"%1\"."_s.arg(part));
        QString value = part.mid(eq + 1);
        if (value.size() >= 2 && value.startsWith(u'\'') && value.endsWith(u'\''))
            value = value.mid(1, value.size() - 2);
        if (!applyOption(s, part.left(eq), value))
            return Error(Error::Code::InvalidArgument, u"Unknown or invalid connection option \"%1\"."_s.arg(part.left(eq)));
    }
    return s;
}

} // namespace

Result<ConnectionSettings> ConnectionSettings::fromDsn(const QString &dsn)
{
    const QString trimmed = dsn.trimmed();
    if (trimmed.isEmpty())
        return Error(Error::Code::InvalidArgument, u"No connection string was given."_s);
    if (trimmed.startsWith(u"postgres://") || trimmed.startsWith(u"postgresql://"))
        return fromUri(trimmed);
    return fromKeywords(trimmed);
}

QString ConnectionSettings::connectOptions() const
{
    QStringList options;
    if (!sslMode.isEmpty()) options << u"sslmode="_s + sslMode;
    if (!sslRootCert.isEmpty()) options << u"sslrootcert="_s + sslRootCert;
    if (!sslCert.isEmpty()) options << u"sslcert="_s + sslCert;
    if (!sslKey.isEmpty()) options << u"sslkey="_s + sslKey;
    if (connectTimeoutSeconds > 0) options << u"connect_timeout="_s + QString::number(connectTimeoutSeconds);
    if (!applicationName.isEmpty()) options << u"application_name="_s + applicationName;
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
