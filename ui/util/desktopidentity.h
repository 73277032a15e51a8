#pragma once

#include <QIcon>
#include <QString>

// How the desktop knows the console: one reverse-DNS id names the .desktop
// entry, the AppStream metainfo and the icon in the hicolor theme
// (packaging/), so a taskbar or dock can match a window to its entry.
namespace QueueDesk::DesktopIdentity {

// org.queuedesk.QueueDesk (QUEUEDESK_APP_ID in the top-level CMakeLists.txt).
QString applicationId();

// The icon theme's icon of that name (an installed QueueDesk, or a theme
// that draws its own), else the PNGs compiled into the program, so a
// console run from the build tree has its icon too.
QIcon icon();

// Sets the application's desktop file name (Wayland's app_id) and its
// window icon. Call once, after the QApplication exists.
void apply();

} // namespace QueueDesk::DesktopIdentity
