#include "databaseoptions.h"

#include "db/localcluster.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace QueueDesk {

Q_LOGGING_CATEGORY(lcDatabaseOptions, "queuedesk.options", QtInfoMsg)

namespace {

// Far more than any DSN; reading /dev/zero by mistake must end.
constexpr qint64 maxDsnFileBytes = 64 * 1024;

Error usage(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

} // namespace

void DatabaseOptions::addTo(QCommandLineParser &parser)
{
    parser.addOption({u"dsn"_s,
                      u"PostgreSQL connection (postgres://user@host/db or key=value); default $QUEUEDESK_DSN. "
                      u"Every local user can read it in ps: give a password through --dsn-file, $QUEUEDESK_DSN "
                      u"or ~/.pgpass ($PGPASSFILE) instead."_s,
                      u"dsn"_s});
    parser.addOption({u"dsn-file"_s,
                      u"Read the connection string from the first line of <file> (not readable by other users)."_s,
                      u"file"_s});
    parser.addOption({u"local"_s, u"Use the embedded local PostgreSQL in <dir> (the default when no DSN is set)."_s,
                      u"dir"_s, defaultLocalDir()});
}

QString DatabaseOptions::defaultLocalDir()
{
    // PostgreSQL runs as an unprivileged user when we are root, and that
    // user cannot enter root's home: keep the cluster under /var/lib then.
    if (geteuid() == 0)
        return u"/var/lib/queuedesk/cluster"_s;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/queuedesk/cluster"_s;
}

Result<QString> DatabaseOptions::readDsnFile(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISREG(info.st_mode))
        return usage(u"--dsn-file: %1 is not a readable file."_s.arg(path));
    // As libpq does with ~/.pgpass, but a service's group may need to read it.
    if (info.st_mode & S_IRWXO)
        return usage(u"--dsn-file: other users may read or change %1; run chmod o-rwx on it."_s.arg(path));
    if (info.st_mode & S_IRWXG)
        qCWarning(lcDatabaseOptions).noquote() << "--dsn-file:" << path << "is open to its group; chmod g-rwx unless "
                                                  "the group needs it";
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usage(u"--dsn-file: cannot read %1 (%2)."_s.arg(path, file.errorString()));
    const QByteArray content = file.read(maxDsnFileBytes + 1);
    if (content.size() > maxDsnFileBytes)
        return usage(u"--dsn-file: %1 is too big for a connection string."_s.arg(path));
    for (const QByteArray &line : content.split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        if (!text.isEmpty() && !text.startsWith(u'#'))
            return text;
    }
    return usage(u"--dsn-file: %1 holds no connection string."_s.arg(path));
}

void DatabaseOptions::hideDsnFromPs(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        char *value = nullptr;
        if (std::strcmp(argv[i], "--dsn") == 0 && i + 1 < argc)
            value = argv[i + 1];
        else if (std::strncmp(argv[i], "--dsn=", 6) == 0)
            value = argv[i] + 6;
        if (value)
            std::memset(value, 'x', std::strlen(value));
    }
}

Result<DatabaseOptions> DatabaseOptions::fromParser(const QCommandLineParser &parser)
{
    DatabaseOptions options;
    options.m_localDir = parser.value(u"local"_s);
    if (parser.isSet(u"dsn"_s) && parser.isSet(u"dsn-file"_s))
        return usage(u"Give --dsn or --dsn-file, not both."_s);
    if (parser.isSet(u"local"_s))
        return options;
    QString dsn;
    QString source;
    if (parser.isSet(u"dsn-file"_s)) {
        auto read = readDsnFile(parser.value(u"dsn-file"_s));
        if (!read)
            return read.error();
        dsn = read.value();
        source = u"--dsn-file"_s;
    } else if (parser.isSet(u"dsn"_s)) {
        dsn = parser.value(u"dsn"_s);
        source = u"--dsn"_s;
    } else {
        dsn = qEnvironmentVariable("QUEUEDESK_DSN");
        source = u"$QUEUEDESK_DSN"_s;
    }
    if (dsn.isEmpty() && source == u"$QUEUEDESK_DSN")
        return options;
    auto settings = ConnectionSettings::fromDsn(dsn);
    if (!settings) {
        Error error = settings.error();
        error.message = source + u": "_s + error.message;
        return error;
    }
    options.m_server = settings.value();
    return options;
}

Result<ConnectionSettings> DatabaseOptions::resolve() const
{
    if (m_server)
        return *m_server;
    LocalCluster cluster(m_localDir);
    if (Status started = cluster.ensureStarted(); !started)
        return started.error();
    return cluster.connectionSettings();
}

} // namespace QueueDesk
