#pragma once

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include <functional>

class QSystemTrayIcon;
class QWidget;

namespace QueueDesk {

class LocalWorkerPage;

// Asked by the main window before it closes. With local jobs running it
// asks the operator: drain and quit (stop with the page's drain time,
// showing progress, then close), keep working in the system tray (where
// there is one), or cancel. The question is a replaceable function, so the
// logic is tested without a dialog.
class CloseGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CloseGuard)

public:
    enum class Choice { Drain, Tray, Cancel };
    using Chooser = std::function<Choice(int runningJobs, bool trayAvailable)>;

    CloseGuard(LocalWorkerPage *page, QWidget *window);
    ~CloseGuard() override;

    // From the window's closeEvent: true lets it close now.
    bool allowClose();

    void setChooser(Chooser chooser) { m_chooser = std::move(chooser); }
    void setTrayAvailable(std::function<bool()> available) { m_trayAvailable = std::move(available); }

    bool isDraining() const { return m_draining; }
    bool isInTray() const { return m_tray != nullptr; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QProgressDialog *drainDialog() const { return m_dialog; }

public slots:
    // Also the tray menu's "Quit": stop with a drain, then close the window.
    void drainAndQuit();
    void showWindow();

signals:
    void drainFinished();

private:
    Choice ask(int runningJobs, bool trayAvailable) const;
    void keepInTray();
    void showDrainProgress(int runningJobs);
    void finishDrain();
    void leaveTray();

    LocalWorkerPage *m_page;
    QWidget *m_window;
    Chooser m_chooser;
    std::function<bool()> m_trayAvailable;
    QPointer<QProgressDialog> m_dialog;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_draining = false;
    bool m_closeApproved = false;
};

} // namespace QueueDesk
