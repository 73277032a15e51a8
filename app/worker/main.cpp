// queuedesk-worker: the QueueDesk engine and tools without a GUI.
#include "workercli.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"queuedesk-worker"_s);
    QCoreApplication::setOrganizationName(u"QueueDesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QUEUEDESK_VERSION));
    return QueueDesk::WorkerCli().run(app.arguments());
}
