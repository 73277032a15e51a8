#include "closeguard.h"

#include "local/localenginecontroller.h"
#include "local/localworkerpage.h"
#include "util/desktopidentity.h"

#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QWidget>

namespace QueueDesk {

CloseGuard::CloseGuard(LocalWorkerPage *page, QWidget *window)
    : QObject(window)
    , m_page(page)
    , m_window(window)
    , m_chooser([this](int running, bool tray) { return ask(running, tray); })
    , m_trayAvailable([] { return QSystemTrayIcon::isSystemTrayAvailable(); })
{
}

CloseGuard::~CloseGuard()
{
    leaveTray();
}

bool CloseGuard::allowClose()
{
    if (m_closeApproved)
        return true;
    if (m_draining)
        return false;   // the drain closes the window itself when it is done
    LocalEngineController *controller = m_page->controller();
    // An idle engine stops with the window, in no time: nothing to ask.
    if (!controller->isActive() || controller->runningJobs() == 0)
        return true;
    const bool trayAvailable = m_trayAvailable();
    switch (m_chooser(controller->runningJobs(), trayAvailable)) {
    case Choice::Drain:
        drainAndQuit();
        return false;
    case Choice::Tray:
        if (trayAvailable)
            keepInTray();
        return false;
    case Choice::Cancel:
        break;
    }
    return false;
}

CloseGuard::Choice CloseGuard::ask(int runningJobs, bool trayAvailable) const
{
    QMessageBox box(QMessageBox::Question, tr("Local jobs are running"),
                    tr("The local worker is running %n job(s).", nullptr, runningJobs), QMessageBox::NoButton,
                    m_window);
    QString details = tr("Drain and quit: take no new jobs, let the running ones finish (up to %n s), give the "
                         "rest back to waiting, then quit.", nullptr, m_page->drainTimeoutMs() / 1000);
    if (!trayAvailable)
        details += u"\n\n"_s + tr("The system tray is not available on this desktop, so QueueDesk cannot keep "
                                  "working with its window closed.");
    box.setInformativeText(details);
    QPushButton *drain = box.addButton(tr("Drain and quit"), QMessageBox::AcceptRole);
    QPushButton *tray = trayAvailable ? box.addButton(tr("Keep working in the tray"), QMessageBox::ActionRole)
                                      : nullptr;
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(drain);
    box.exec();
    if (box.clickedButton() == drain)
        return Choice::Drain;
    if (tray && box.clickedButton() == tray)
        return Choice::Tray;
    return Choice::Cancel;
}

void CloseGuard::keepInTray()
{
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setIcon(DesktopIdentity::icon());
        auto *menu = new QMenu(m_window);
        menu->addAction(tr("Show QueueDesk"), this, &CloseGuard::showWindow);
        menu->addAction(tr("Drain and quit"), this, &CloseGuard::drainAndQuit);
        m_tray->setContextMenu(menu);
        m_tray->setToolTip(m_page->controller()->statusText());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                showWindow();
        });
        connect(m_page->controller(), &LocalEngineController::statusTextChanged, m_tray, &QSystemTrayIcon::setToolTip);
    }
    // The hidden window is still the last one: the app must not quit with it.
    QApplication::setQuitOnLastWindowClosed(false);
    m_tray->show();
    m_window->hide();
    m_tray->showMessage(tr("QueueDesk keeps working"),
                        tr("The local worker goes on in the background. Use this icon to show the window or to "
                           "drain and quit."));
}

void CloseGuard::showWindow()
{
    leaveTray();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void CloseGuard::leaveTray()
{
    if (!m_tray)
        return;
    m_tray->hide();
    delete m_tray->contextMenu();
    m_tray->deleteLater();
    m_tray = nullptr;
    QApplication::setQuitOnLastWindowClosed(true);
}

void CloseGuard::drainAndQuit()
{
    if (m_draining)
        return;
    if (isInTray())
        showWindow();   // the progress belongs in front of the operator
    LocalEngineController *controller = m_page->controller();
    if (!controller->isActive()) {
        finishDrain();
        return;
    }
    m_draining = true;
    showDrainProgress(controller->runningJobs());
    connect(controller, &LocalEngineController::stopped, this, &CloseGuard::finishDrain, Qt::SingleShotConnection);
    controller->stop(m_page->drainTimeoutMs());
}

void CloseGuard::showDrainProgress(int runningJobs)
{
    m_dialog = new QProgressDialog(m_window);
    m_dialog->setObjectName(u"drainProgress"_s);
    m_dialog->setWindowTitle(tr("Draining the local worker"));
    m_dialog->setLabelText(tr("Letting %n running job(s) finish (up to %1 s). Jobs still running then go back "
                              "to waiting for another worker.", nullptr, runningJobs)
                               .arg(m_page->drainTimeoutMs() / 1000));
    m_dialog->setCancelButton(nullptr);
    m_dialog->setRange(0, qMax(1, runningJobs));
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setMinimumDuration(0);
    m_dialog->setValue(0);
    m_dialog->show();
    // The coalesced status signal, not every job: setValue() on a modal
    // dialog spins the event loop.
    connect(m_page->controller(), &LocalEngineController::statusTextChanged, m_dialog, [this, runningJobs] {
        m_dialog->setValue(qBound(0, runningJobs - m_page->controller()->runningJobs(), runningJobs));
    });
}

void CloseGuard::finishDrain()
{
    m_draining = false;
    m_closeApproved = true;
    if (m_dialog) {
        m_dialog->hide();
        m_dialog->deleteLater();
    }
    leaveTray();
    emit drainFinished();
    m_window->close();
}

} // namespace QueueDesk
