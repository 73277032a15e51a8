// Starts and stops the suite's throwaway PostgreSQL cluster: CTest runs
// "start" as a fixture before the database tests and "stop" after them.
#include "db/localcluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

using namespace QueueDesk;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() != 2 || (args[1] != u"start" && args[1] != u"stop" && args[1] != u"destroy")) {
        err << "usage: queuedesk_testcluster start|stop|destroy\n";
        return 2;
    }
    if (!qEnvironmentVariable("QUEUEDESK_TEST_DSN").isEmpty())
        return 0;   // an external server: nothing to manage
    LocalCluster cluster(QString::fromUtf8(QUEUEDESK_TEST_CLUSTER_DIR), LocalCluster::Options{false, {}});
    Status status = args[1] == u"start" ? cluster.ensureStarted() : cluster.stop();
    if (status && args[1] == u"destroy")
        QDir(cluster.dataDir()).removeRecursively();
    if (!status) {
        err << status.error().toString() << '\n';
        return 1;
    }
    QTextStream(stdout) << "test cluster " << args[1] << ": " << cluster.dataDir() << " (socket " << cluster.socketDir() << ")\n";
    return 0;
}
