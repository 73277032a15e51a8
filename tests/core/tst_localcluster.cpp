// The embedded cluster's socket folder is the only door to a server that
// trusts every local connection: for a data folder too long for a unix
// socket path it lives in the temp folder, under a random name kept with the
// data, and a folder that exists already is used only when it is private to
// us. Before, its name was a hash of the data folder's path: another local
// user could make it first and get superuser on the cluster.
#include "db/localcluster.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace QueueDesk;

class TestLocalCluster final : public QObject
{
    Q_OBJECT

private:
    // A data folder whose socket path would be too long for a unix socket,
    // in a parent every user may enter (as root the server runs as another
    // user, who must reach it).
    QString longDataDir(const QString &name)
    {
        const QString parent = u"/tmp/qd-localcluster-test"_s;
        QDir().mkpath(parent);
        QFile::setPermissions(parent, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                          | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
        const QString dir = parent + u'/' + name + u'-' + QString(70, u'x');
        QDir(dir).removeRecursively();
        return dir;
    }

private slots:
    void aLongDataFolderGetsARandomSocketFolder()
    {
        const QString a = longDataDir(u"a"_s);
        const QString b = longDataDir(u"b"_s);
        const QString socketA = LocalCluster(a).socketDir();
        QVERIFY2(socketA.startsWith(QDir::tempPath() + u"/queuedesk-sock-"_s), qPrintable(socketA));
        QVERIFY(socketA.size() >= QDir::tempPath().size() + 16 + 20);   // 128 random bits
        QVERIFY(LocalCluster(a).socketDir() != socketA);   // not derived from the path
        QVERIFY(LocalCluster(b).socketDir() != socketA);
    }

    // Someone made the folder first, open to everyone: refused, with a
    // reason, and no server started behind it.
    void aSocketFolderOthersMayOpenIsRefused()
    {
        const QString dir = longDataDir(u"foreign"_s);
        LocalCluster cluster(dir, LocalCluster::Options{false, {}});
        const QString socketDir = cluster.socketDir();
        QVERIFY(QDir().mkpath(socketDir));
        QVERIFY(::chmod(QFile::encodeName(socketDir).constData(), 0777) == 0);
        const Status started = cluster.ensureStarted();
        QDir(socketDir).removeRecursively();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().message.contains(u"not a private folder"_s), qPrintable(started.error().toString()));
        QVERIFY(!cluster.isRunning());
        // Private, but another user's (as root, the test can make one).
        if (geteuid() == 0) {
            QVERIFY(QDir().mkpath(socketDir));
            QVERIFY(::chmod(QFile::encodeName(socketDir).constData(), 0700) == 0);
            QVERIFY(::chown(QFile::encodeName(socketDir).constData(), 65534, 65534) == 0);   // nobody
            const Status foreign = cluster.ensureStarted();
            QDir(socketDir).removeRecursively();
            QVERIFY(!foreign.ok());
            QVERIFY2(foreign.error().message.contains(u"not a private folder"_s), qPrintable(foreign.error().toString()));
        }
        QDir(dir).removeRecursively();
    }

    // The chosen name is kept with the data: a restart (a new process)
    // finds the same server.
    void theSocketFolderIsKeptAcrossRestarts()
    {
        const QString dir = longDataDir(u"kept"_s);
        QString socketDir;
        {
            LocalCluster cluster(dir, LocalCluster::Options{false, {}});
            const Status started = cluster.ensureStarted();
            QVERIFY2(started.ok(), qPrintable(started.error().toString()));
            socketDir = cluster.socketDir();
            QVERIFY(QFile::exists(socketDir + u"/.s.PGSQL.5432"_s));
            struct stat info;
            QVERIFY(::lstat(QFile::encodeName(socketDir).constData(), &info) == 0);
            QCOMPARE(info.st_mode & 077, 0u);
        }
        LocalCluster again(dir, LocalCluster::Options{false, {}});
        QCOMPARE(again.socketDir(), socketDir);
        QVERIFY(again.isRunning());
        QVERIFY(again.stop().ok());
        QDir(socketDir).removeRecursively();
        QDir(dir).removeRecursively();
    }
};

QTEST_GUILESS_MAIN(TestLocalCluster)
#include "tst_localcluster.moc"
