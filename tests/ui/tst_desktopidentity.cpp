// The console's desktop identity: the id the .desktop entry, the metainfo
// and the icon are named after, and the icon the window and tray show.
#include "util/desktopidentity.h"

#include <QApplication>
#include <QFile>
#include <QTest>

using namespace QueueDesk;
using namespace Qt::StringLiterals;

class TestDesktopIdentity final : public QObject
{
    Q_OBJECT

private slots:
    void applyNamesTheDesktopEntryAndSetsTheWindowIcon()
    {
        DesktopIdentity::apply();
        QCOMPARE(QGuiApplication::desktopFileName(), u"org.queuedesk.QueueDesk"_s);
        QVERIFY(!QApplication::windowIcon().isNull());
        QCOMPARE(QApplication::windowIcon().pixmap(32).toImage(), DesktopIdentity::icon().pixmap(32).toImage());
    }

    void everyDrawnSizeIsCompiledIn()
    {
        // Drawn sizes, not one scaled down: 16 px must stay crisp in a tray.
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
            const QString path = u":/icons/hicolor/%1x%1/apps/org.queuedesk.QueueDesk.png"_s.arg(size);
            QVERIFY2(QFile::exists(path), qPrintable(path));
            QCOMPARE(QImage(path).size(), QSize(size, size));
        }
    }
};

QTEST_MAIN(TestDesktopIdentity)
#include "tst_desktopidentity.moc"
