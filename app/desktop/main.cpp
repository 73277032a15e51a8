// queuedesk: the operator console. --dsn (or $QUEUEDESK_DSN) opens a server,
// --local the embedded PostgreSQL; otherwise the last connection profile,
// or on first launch a dialog offering Local (the default) or a server.
#include "connection/connectionflow.h"
#include "databaseoptions.h"
#include "db/connectionsettings.h"
#include "main/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"queuedesk"_s);
    QApplication::setOrganizationName(u"QueueDesk"_s);
    QApplication::setApplicationVersion(QStringLiteral(QUEUEDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"QueueDesk: operator console for PostgreSQL job queues."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    QueueDesk::DatabaseOptions::addTo(parser);
    parser.process(app);

    QueueDesk::MainWindow window;
    window.connectionFlow()->setLocalDir(parser.value(u"local"_s));
    window.show();   // first, so the first-launch dialog opens over it
    const QString dsn = parser.isSet(u"dsn"_s) ? parser.value(u"dsn"_s) : qEnvironmentVariable("QUEUEDESK_DSN");
    if (!dsn.isEmpty() && !parser.isSet(u"local"_s)) {
        auto settings = QueueDesk::ConnectionSettings::fromDsn(dsn);
        if (settings)
            window.openServer(settings.value(), settings->displayName(), false);
        else
            window.showError(settings.error().toString());
    } else if (parser.isSet(u"local"_s)) {
        window.openLocal(parser.value(u"local"_s));
    } else {
        // The last profile, or the first-launch dialog (Local or a server).
        window.connectionFlow()->start();
    }
    return QApplication::exec();
}
