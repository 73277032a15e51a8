// queuedesk-worker: the QueueDesk engine and tools without a GUI.
#include "databaseoptions.h"
#include "workercli.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"queuedesk-worker"_s);
    QCoreApplication::setOrganizationName(u"QueueDesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QUEUEDESK_VERSION));
    const QStringList arguments = app.arguments();
    // A password in --dsn would stay readable in ps for as long as a worker runs.
    QueueDesk::DatabaseOptions::hideDsnFromPs(argc, argv);
    return QueueDesk::WorkerCli().run(arguments);
}
