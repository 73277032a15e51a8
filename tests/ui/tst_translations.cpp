#include "main/mainwindow.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>

using namespace QueueDesk;
using namespace Qt::StringLiterals;

// The translations embedded in queuedesk_ui (:/i18n): English resolves the
// "%n ...(s)" plural strings, German translates the main window. Loaded the
// way app/desktop/main.cpp does: English first, the language on top.
class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QTranslator m_english;
    QTranslator m_german;

    static QString jobs(int n)
    {
        // The local worker's status bar text (LocalEngineController::statusText).
        return QCoreApplication::translate("QueueDesk::LocalEngineController", "Local worker: running, %n job(s)",
                                           nullptr, n);
    }

    // The texts of View > Refresh interval, built by MainWindow with tr("%n second(s)", nullptr, seconds).
    static QStringList intervalTexts(const MainWindow &window)
    {
        const QList<QMenu *> menus = window.menuBar()->findChildren<QMenu *>();
        for (const QMenu *menu : menus) {
            if (menu->actions().size() != 5 || !menu->actions().constFirst()->isCheckable())
                continue;
            QStringList texts;
            for (const QAction *action : menu->actions())
                texts.append(action->text());
            return texts;
        }
        return {};
    }

    static QStringList menuTitles(const MainWindow &window)
    {
        QStringList titles;
        for (const QAction *action : window.menuBar()->actions())
            titles.append(action->text());
        return titles;
    }

    static QStringList tabTitles(const MainWindow &window)
    {
        const auto *tabs = window.findChild<QTabWidget *>();
        QStringList titles;
        for (int i = 0; tabs && i < tabs->count(); ++i)
            titles.append(tabs->tabText(i));
        return titles;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QFile::exists(u":/i18n/queuedesk_en.qm"_s));
        QVERIFY(QFile::exists(u":/i18n/queuedesk_de.qm"_s));
    }

    void cleanup()
    {
        QCoreApplication::removeTranslator(&m_german);
        QCoreApplication::removeTranslator(&m_english);
    }

    void withoutTranslatorTheSourceShows()
    {
        // What the app showed before: the reason the English translation exists.
        QCOMPARE(jobs(1), u"Local worker: running, 1 job(s)"_s);
    }

    void englishResolvesPlurals()
    {
        QVERIFY(m_english.load(QLocale(QLocale::English), u"queuedesk"_s, u"_"_s, u":/i18n"_s));
        QVERIFY(QCoreApplication::installTranslator(&m_english));
        QCOMPARE(jobs(1), u"Local worker: running, 1 job"_s);
        QCOMPARE(jobs(2), u"Local worker: running, 2 jobs"_s);
        QCOMPARE(jobs(0), u"Local worker: running, 0 jobs"_s);

        MainWindow window;
        QCOMPARE(intervalTexts(window),
                 QStringList({u"1 second"_s, u"2 seconds"_s, u"5 seconds"_s, u"10 seconds"_s, u"30 seconds"_s}));
        QVERIFY(tabTitles(window).contains(u"Queues"_s));
    }

    void germanTranslatesTheMainWindow()
    {
        QVERIFY(m_english.load(QLocale(QLocale::English), u"queuedesk"_s, u"_"_s, u":/i18n"_s));
        QVERIFY(m_german.load(QLocale(QLocale::German, QLocale::Germany), u"queuedesk"_s, u"_"_s, u":/i18n"_s));
        QCOMPARE(m_german.language(), u"de"_s);
        QVERIFY(QCoreApplication::installTranslator(&m_english));
        QVERIFY(QCoreApplication::installTranslator(&m_german));
        QCOMPARE(jobs(1), u"Lokaler Worker: läuft, 1 Job"_s);
        QCOMPARE(jobs(3), u"Lokaler Worker: läuft, 3 Jobs"_s);

        MainWindow window;
        QCOMPARE(window.windowTitle(), u"QueueDesk"_s);
        const QStringList menus = menuTitles(window);
        for (const QString &title : {u"&Datei"_s, u"&Warteschlange"_s, u"&Ansicht"_s})
            QVERIFY2(menus.contains(title), qPrintable(menus.join(u", "_s)));
        const QStringList tabs = tabTitles(window);
        for (const QString &title : {u"Übersicht"_s, u"Warteschlangen"_s, u"Worker"_s, u"Jobs"_s, u"Dead Letters"_s,
                                     u"Zeitpläne"_s, u"Lokaler Worker"_s})
            QVERIFY2(tabs.contains(title), qPrintable(tabs.join(u", "_s)));
        QCOMPARE(intervalTexts(window).mid(0, 2), QStringList({u"1 Sekunde"_s, u"2 Sekunden"_s}));
    }

    void untranslatedGermanFallsBackToEnglish()
    {
        QVERIFY(m_german.load(u":/i18n/queuedesk_de.qm"_s));
        // A string German leaves alone comes back empty from its translator,
        // so the application falls through to the source text.
        QVERIFY(m_german.translate("QueueDesk::MainWindow", "no such string in QueueDesk").isEmpty());
        QVERIFY(!m_german.translate("QueueDesk::MainWindow", "&File").isEmpty());
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
