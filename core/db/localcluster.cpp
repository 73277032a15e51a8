#include "localcluster.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QVersionNumber>

#include <cerrno>

#include <pwd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

namespace QueueDesk {

namespace {

// Not "queuedesk": with search_path "$user", public, a role named like our
// schema would put everyone's unqualified objects into it.
constexpr auto superUser = "postgres";
// A unix socket path is limited to 107 bytes; "/.s.PGSQL.5432" takes 14.
constexpr qsizetype maxSocketDirLength = 80;

// Where a long data folder's socket folder name is kept, once chosen.
QString socketDirRecord(const QString &dataDir)
{
    return dataDir + u"/socket-dir"_s;
}

// The socket folder: inside the data folder when the path fits a unix
// socket, else in the temp folder under a random name chosen once and kept
// in the data folder. (A name derived from the data folder could be
// guessed, and made first by another local user: the door to a
// trust-authenticated server would then be theirs.)
QString socketDirFor(const QString &dataDir)
{
    const QString inside = dataDir + u"/socket"_s;
    if (inside.toUtf8().size() <= maxSocketDirLength)
        return inside;
    QFile record(socketDirRecord(dataDir));
    if (record.open(QIODevice::ReadOnly)) {
        const QString kept = QString::fromUtf8(record.readLine()).trimmed();
        if (!kept.isEmpty())
            return kept;
    }
    const QByteArray random = QByteArray::number(QRandomGenerator::system()->generate64(), 16)
                              + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    return QDir::tempPath() + u"/queuedesk-sock-"_s + QString::fromLatin1(random);
}

} // namespace

LocalCluster::LocalCluster(QString dataDir, Options options)
    : m_dataDir(QDir(dataDir).absolutePath())
    , m_socketDir(socketDirFor(m_dataDir))
    , m_options(std::move(options))
{
}

Result<QString> LocalCluster::findBinDir()
{
    const QString fromEnv = qEnvironmentVariable("QUEUEDESK_PG_BIN");
    if (!fromEnv.isEmpty()) {
        if (QFileInfo::exists(fromEnv + u"/initdb"_s))
            return fromEnv;
        return Error(Error::Code::ClusterFailed, u"QUEUEDESK_PG_BIN does not hold initdb."_s, fromEnv);
    }
    QDir debian(u"/usr/lib/postgresql"_s);
    QStringList versions = debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString &version : versions) {
        const QString bin = debian.filePath(version + u"/bin"_s);
        if (QFileInfo::exists(bin + u"/initdb"_s) && QFileInfo::exists(bin + u"/pg_ctl"_s))
            return bin;
    }
    const QString pgCtl = QStandardPaths::findExecutable(u"pg_ctl"_s);
    if (!pgCtl.isEmpty())
        return QFileInfo(pgCtl).absolutePath();
    return Error(Error::Code::ClusterFailed,
                 u"PostgreSQL's server programs (initdb, pg_ctl) were not found."_s,
                 u"install postgresql-15, or set QUEUEDESK_PG_BIN"_s);
}

QString LocalCluster::runAsUser() const
{
    if (geteuid() != 0)
        return {};
    const QString user = qEnvironmentVariable("QUEUEDESK_PG_USER");
    if (!user.isEmpty())
        return user;
    // An existing cluster keeps the user it was made by. Another user could
    // not read its postmaster.pid: a running server would look stopped, and
    // PostgreSQL takes a lock file whose process it may not signal for stale,
    // so a second server would start on the same files.
    if (isInitialised()) {
        const QString owner = QFileInfo(m_dataDir + u"/pgdata"_s).owner();
        if (!owner.isEmpty() && owner != u"root")
            return owner;
    }
    // The queuedesk-worker package's system user owns /var/lib/queuedesk
    // (mode 0750), where root's cluster lives by default: "postgres" could
    // not even enter it there, while the service's own user shares it.
    if (getpwnam("queuedesk"))
        return u"queuedesk"_s;
    return u"postgres"_s;
}

QString LocalCluster::logFile() const
{
    return m_dataDir + u"/postgres.log"_s;
}

bool LocalCluster::isInitialised() const
{
    return QFileInfo::exists(m_dataDir + u"/pgdata/PG_VERSION"_s);
}

ConnectionSettings LocalCluster::connectionSettings(const QString &database) const
{
    ConnectionSettings settings;
    settings.host = m_socketDir;
    settings.port = 5432;
    settings.user = QString::fromLatin1(superUser);
    settings.database = database;
    return settings;
}

Result<QString> LocalCluster::run(const QString &program, const QStringList &args, int timeoutMs) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString user = runAsUser();
    const QString binary = m_binDir + u'/' + program;
    if (user.isEmpty())
        process.start(binary, args);
    else
        process.start(u"runuser"_s, QStringList{u"-u"_s, user, u"--"_s, binary} + args);
    if (!process.waitForStarted(10000))
        return Error(Error::Code::ClusterFailed, u"Could not start %1."_s.arg(program), process.errorString());
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return Error(Error::Code::ClusterFailed, u"%1 did not finish in time."_s.arg(program));
    }
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error(Error::Code::ClusterFailed, u"%1 failed."_s.arg(program), output.right(2000));
    return output;
}

// The socket folder is the only door to a trust-authenticated server:
// nobody but its owner (and root) may open it. It is made here with mode
// 0700, or, if it exists, used only when it is a real folder (no symlink)
// of ours or of the server's user that nobody else may open.
Status LocalCluster::claimSocketDir(const QString &serverUser) const
{
    const QByteArray path = QFile::encodeName(m_socketDir);
    if (::mkdir(path.constData(), 0700) == 0)
        return {};
    if (errno != EEXIST)
        return Error(Error::Code::ClusterFailed, u"Could not create the cluster's socket folder."_s, m_socketDir);
    struct stat info;
    uid_t serverUid = geteuid();
    if (const passwd *entry = serverUser.isEmpty() ? nullptr : getpwnam(serverUser.toLocal8Bit().constData()))
        serverUid = entry->pw_uid;
    const bool ours = ::lstat(path.constData(), &info) == 0 && S_ISDIR(info.st_mode)
                      && (info.st_uid == geteuid() || info.st_uid == serverUid) && (info.st_mode & 077) == 0;
    if (!ours)
        return Error(Error::Code::ClusterFailed,
                     u"The embedded PostgreSQL's socket folder exists but is not a private folder of this user; "
                     u"QueueDesk will not use it."_s,
                     m_socketDir);
    return {};
}

Status LocalCluster::prepareDirectories()
{
    if (!QDir().mkpath(m_dataDir + u"/pgdata"_s))
        return Error(Error::Code::ClusterFailed, u"Could not create the cluster's folders."_s, m_dataDir);
    QFile::setPermissions(m_dataDir + u"/pgdata"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString user = runAsUser();
    if (Status claimed = claimSocketDir(user); !claimed)
        return claimed;
    if (!m_socketDir.startsWith(m_dataDir + u'/') && !QFile::exists(socketDirRecord(m_dataDir))) {
        QFile record(socketDirRecord(m_dataDir));
        if (!record.open(QIODevice::WriteOnly) || record.write(m_socketDir.toUtf8() + '\n') < 0)
            return Error(Error::Code::ClusterFailed, u"Could not record the cluster's socket folder."_s,
                         record.fileName());
    }
    if (!user.isEmpty()) {
        QProcess chown;
        chown.start(u"chown"_s, {u"-R"_s, user, m_dataDir, m_socketDir});
        chown.waitForFinished(30000);
        if (chown.exitCode() != 0)
            return Error(Error::Code::ClusterFailed,
                         u"Could not hand the cluster's folders to the \"%1\" user (PostgreSQL refuses to run as root)."_s.arg(user),
                         QString::fromLocal8Bit(chown.readAllStandardError()));
    }
    return {};
}

Status LocalCluster::init()
{
    if (Status prepared = prepareDirectories(); !prepared)
        return prepared;
    auto initdb = run(u"initdb"_s, {u"-D"_s, m_dataDir + u"/pgdata"_s, u"-U"_s, QString::fromLatin1(superUser),
                                    u"-A"_s, u"trust"_s, u"-E"_s, u"UTF8"_s, u"--locale=C.UTF-8"_s});
    if (!initdb)
        return initdb.error();
    QFile conf(m_dataDir + u"/pgdata/postgresql.conf"_s);
    if (!conf.open(QIODevice::Append | QIODevice::Text))
        return Error(Error::Code::ClusterFailed, u"Could not write postgresql.conf."_s, conf.errorString());
    QString lines = u"\n# QueueDesk embedded cluster\n"_s
                    u"listen_addresses = ''\n"_s
                    u"unix_socket_directories = '%1'\n"_s
                    u"max_connections = 200\n"_s
                    u"shared_buffers = 128MB\n"_s
                    u"max_wal_size = 2GB\n"_s
                    u"jit = off\n"_s
                    u"autovacuum_naptime = 10s\n"_s.arg(m_socketDir);
    if (!m_options.durable)
        lines += u"fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"_s;
    lines += m_options.extraConfig + u'\n';
    conf.write(lines.toUtf8());
    return {};
}

bool LocalCluster::isRunning() const
{
    if (!isInitialised())
        return false;
    QProcess status;
    const QString user = runAsUser();
    const QString pgCtl = (m_binDir.isEmpty() ? findBinDir().value() : m_binDir) + u"/pg_ctl"_s;
    const QStringList args{u"-D"_s, m_dataDir + u"/pgdata"_s, u"status"_s};
    if (user.isEmpty())
        status.start(pgCtl, args);
    else
        status.start(u"runuser"_s, QStringList{u"-u"_s, user, u"--"_s, pgCtl} + args);
    status.waitForFinished(10000);
    return status.exitStatus() == QProcess::NormalExit && status.exitCode() == 0;
}

Status LocalCluster::start()
{
    // A stale socket lock file from a killed server keeps a new one from starting.
    if (Status prepared = prepareDirectories(); !prepared)
        return prepared;
    auto started = run(u"pg_ctl"_s, {u"-D"_s, m_dataDir + u"/pgdata"_s, u"-l"_s, logFile(), u"-w"_s, u"-t"_s,
                                     u"60"_s, u"start"_s});
    if (!started) {
        QFile log(logFile());
        QString tail;
        if (log.open(QIODevice::ReadOnly))
            tail = QString::fromUtf8(log.readAll().right(1500));
        return Error(Error::Code::ClusterFailed, u"The embedded PostgreSQL did not start."_s,
                     started.error().detail + u'\n' + tail);
    }
    return {};
}

Status LocalCluster::ensureStarted()
{
    auto bin = findBinDir();
    if (!bin)
        return bin.error();
    m_binDir = bin.value();
    QDir().mkpath(QFileInfo(m_dataDir).absolutePath());
    // Several processes (parallel tests, two app windows) may race to start it.
    QLockFile lock(m_dataDir + u".lock"_s);
    lock.setStaleLockTime(0);
    if (!lock.tryLock(180000))
        return Error(Error::Code::ClusterFailed, u"Another process holds the cluster's lock."_s, lock.fileName());
    // Another process may have chosen the socket folder meanwhile.
    if (QFile::exists(socketDirRecord(m_dataDir)))
        m_socketDir = socketDirFor(m_dataDir);
    const bool fresh = !isInitialised();
    if (fresh) {
        if (Status initialised = init(); !initialised)
            return initialised;
    }
    if (!isRunning()) {
        if (Status started = start(); !started)
            return started;
    }
    if (fresh) {
        auto created = run(u"createdb"_s, {u"-h"_s, m_socketDir, u"-U"_s, QString::fromLatin1(superUser), u"queuedesk"_s});
        if (!created)
            return created.error();
    }
    return {};
}

Status LocalCluster::stop()
{
    if (!isRunning())
        return {};
    if (m_binDir.isEmpty()) {
        auto bin = findBinDir();
        if (!bin)
            return bin.error();
        m_binDir = bin.value();
    }
    auto stopped = run(u"pg_ctl"_s, {u"-D"_s, m_dataDir + u"/pgdata"_s, u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s});
    if (!stopped)
        return stopped.error();
    return {};
}

} // namespace QueueDesk
