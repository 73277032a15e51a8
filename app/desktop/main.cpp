// queuedesk: the operator console. --dsn (or $QUEUEDESK_DSN) opens a server,
// --local the embedded PostgreSQL; otherwise the last connection profile,
// or on first launch a dialog offering Local (the default) or a server.
// The interface follows the system's language (English when there is no
// translation for it); --lang de or $QUEUEDESK_LANG=de forces one.
#include "connection/connectionflow.h"
#include "databaseoptions.h"
#include "db/connectionsettings.h"
#include "main/mainwindow.h"
#include "util/desktopidentity.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Read before the parser exists, so that its --help text is translated too.
QString requestedLanguage(const QStringList &args)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--lang"_s && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith(u"--lang="_s))
            return args[i].mid(7);
    }
    return qEnvironmentVariable("QUEUEDESK_LANG");
}

// A missing file (a language QueueDesk or Qt has no translation for) is fine.
void installTranslator(const QLocale &locale, const QString &name, const QString &dir)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, name, u"_"_s, dir) || !QCoreApplication::installTranslator(translator))
        delete translator;
}

// English first: it holds the plural forms ("1 job", "2 jobs"). The chosen
// language goes on top, so what it leaves untranslated falls back to English.
void installTranslators(const QString &language)
{
    QLocale locale = QLocale::system();
    if (!language.isEmpty()) {
        locale = QLocale(language);
        QLocale::setDefault(locale);   // dates and numbers follow the forced language
    }
    installTranslator(QLocale(QLocale::English), u"queuedesk"_s, u":/i18n"_s);
    if (locale.language() != QLocale::English)
        installTranslator(locale, u"queuedesk"_s, u":/i18n"_s);
    installTranslator(locale, u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

// The options, read before any window system is touched: --help, --version
// and a bad option print and exit on a machine without a display too
// (QApplication aborts there before it could parse anything).
struct Options
{
    QString language;
    std::optional<QueueDesk::ConnectionSettings> server;   // from --dsn, --dsn-file or $QUEUEDESK_DSN
    QString dsnError;                                       // why that failed; never the DSN itself
    QString localDir;
    bool local = false;
};

void describeApplication()
{
    QCoreApplication::setApplicationName(u"queuedesk"_s);
    QCoreApplication::setOrganizationName(u"QueueDesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QUEUEDESK_VERSION));
}

Options parseCommandLine(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    describeApplication();
    Options options;
    options.language = requestedLanguage(QCoreApplication::arguments());
    installTranslators(options.language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "QueueDesk: operator console for PostgreSQL job queues."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"lang"_s, QCoreApplication::translate("main", "Show the interface in <language> (e.g. de, en)."),
                      u"language"_s});
    QueueDesk::DatabaseOptions::addTo(parser);
    parser.process(app);
    options.local = parser.isSet(u"local"_s);
    if (auto database = QueueDesk::DatabaseOptions::fromParser(parser); !database)
        options.dsnError = database.error().toString();
    else if (!database->isLocal())
        options.server = database->resolve().value();
    options.localDir = parser.value(u"local"_s);
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    const Options options = parseCommandLine(argc, argv);
    // A password in --dsn would stay readable in ps for as long as the console runs.
    QueueDesk::DatabaseOptions::hideDsnFromPs(argc, argv);
    QApplication app(argc, argv);
    describeApplication();
    QueueDesk::DesktopIdentity::apply();
    installTranslators(options.language);

    QueueDesk::MainWindow window;
    window.connectionFlow()->setLocalDir(options.localDir);
    window.show();   // first, so the first-launch dialog opens over it
    if (!options.dsnError.isEmpty()) {
        window.showError(options.dsnError);
    } else if (options.server) {
        window.openServer(*options.server, options.server->displayName(), false);
    } else if (options.local) {
        window.openLocal(options.localDir);
    } else {
        // The last profile, or the first-launch dialog (Local or a server).
        window.connectionFlow()->start();
    }
    return QApplication::exec();
}
