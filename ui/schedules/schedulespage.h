#pragma once

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace QueueDesk {

class ScheduleDialog;
class SchedulesModel;
class StoreClient;

// Every schedule with its cron, zone and next and last run; add, edit,
// enable, disable, trigger now and delete.
class SchedulesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulesPage)

public:
    // Asked before deleting the named schedule.
    using Confirm = std::function<bool(const QString &name)>;

    explicit SchedulesPage(StoreClient *client, QWidget *parent = nullptr);

    SchedulesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString statusText() const;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    bool selectSchedule(const QString &name);
    QString selectedSchedule() const;

    void refresh();
    // Open the editor (non-modal) and return it; it refreshes the page when saved.
    ScheduleDialog *addSchedule();
    ScheduleDialog *editSelected();
    void setSelectedEnabled(bool enabled);
    void triggerSelected();
    void deleteSelected();

signals:
    void errorOccurred(const QString &message);
    void actionFinished(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    ScheduleDialog *openDialog();
    void finish(const QString &error, const QString &done);
    void updateActions();

    StoreClient *m_client;
    SchedulesModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_status;
    QAction *m_edit;
    QAction *m_enable;
    QAction *m_disable;
    QAction *m_trigger;
    QAction *m_delete;
    Confirm m_confirm;
};

} // namespace QueueDesk
