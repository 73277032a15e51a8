#include "desktopidentity.h"

#include <QApplication>

using namespace Qt::StringLiterals;

namespace QueueDesk::DesktopIdentity {

QString applicationId()
{
    return QStringLiteral(QUEUEDESK_APP_ID);
}

QIcon icon()
{
    // The sizes packaging/icons holds, embedded by ui/CMakeLists.txt; a
    // drawn size beats a scaled one at 16 and 22 px.
    static const QIcon embedded = [] {
        QIcon icon;
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
            icon.addFile(u":/icons/hicolor/%1x%1/apps/%2.png"_s.arg(size).arg(applicationId()), QSize(size, size));
        return icon;
    }();
    return QIcon::fromTheme(applicationId(), embedded);
}

void apply()
{
    QGuiApplication::setDesktopFileName(applicationId());
    QApplication::setWindowIcon(icon());
}

} // namespace QueueDesk::DesktopIdentity
