#pragma once

#include "db/connectionsettings.h"

#include <QWidget>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace QueueDesk {

class HandlerOptionsBox;
class LocalEngineController;
class QueueChooser;
class Refresher;
class RunningJobsModel;
struct Snapshot;

// Local worker mode: run the engine inside the app on the chosen queues,
// watch its running jobs live, cancel one, stop it with a drain.
class LocalWorkerPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalWorkerPage)

public:
    explicit LocalWorkerPage(Refresher *refresher, QWidget *parent = nullptr);

    // The database the next start works on (the console's own connection).
    void setConnection(const ConnectionSettings &settings);
    // The connection profile's name: the choices are remembered per profile.
    // Its saved choices, if any, replace the shown ones while the engine is off.
    void setProfileName(const QString &name);
    QString profileName() const { return m_profile; }
    // Remembers the queues, executors, handler options and drain time (every
    // successful start does this too).
    void saveSettings() const;

    LocalEngineController *controller() const { return m_controller; }
    RunningJobsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QueueChooser *queueChooser() const { return m_queues; }
    HandlerOptionsBox *handlerOptions() const { return m_handlers; }
    QSpinBox *drainSecondsBox() const { return m_drainSeconds; }
    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QAction *cancelAction() const { return m_cancel; }
    QLabel *messageLabel() const { return m_message; }
    int drainTimeoutMs() const;

public slots:
    void startEngine();
    void stopEngine();
    void cancelSelectedJob();

private:
    QWidget *buildSettings();
    QWidget *buildJobs();
    void wireController();
    void apply(const Snapshot &snapshot);
    qint64 selectedJob() const;
    void updateActions();
    void updateTotals();
    bool restoreSettings(const QString &profile);
    void resetSettings();

    LocalEngineController *m_controller;
    RunningJobsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QueueChooser *m_queues;
    HandlerOptionsBox *m_handlers;
    QSpinBox *m_drainSeconds;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_cancel;
    QLabel *m_state;
    QLabel *m_totals;
    QLabel *m_message;
    QString m_profile;
};

} // namespace QueueDesk
