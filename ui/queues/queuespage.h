#pragma once

#include <QWidget>

class QAction;
class QSortFilterProxyModel;
class QTableView;

namespace QueueDesk {

class QueuesModel;
class Refresher;
class StoreClient;
struct Snapshot;

// The queues table: counts, throughput and runtimes per queue, with pause
// and resume from the toolbar and the context menu.
class QueuesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuesPage)

public:
    QueuesPage(StoreClient *client, Refresher *refresher, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QueuesModel *model() const { return m_model; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *editAction() const { return m_edit; }
    QAction *cleanAction() const { return m_clean; }
    // Read-only connections (or roles without the right) cannot pause.
    void setReadOnly(bool readOnly, const QString &why);

signals:
    void errorOccurred(const QString &message);

private:
    void apply(const Snapshot &snapshot);
    void setPaused(bool paused);
    void editQueue();
    void cleanQueue();
    QString selectedQueue() const;
    void updateActions();

    StoreClient *m_client;
    Refresher *m_refresher;
    QueuesModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_edit;
    QAction *m_clean;
    bool m_readOnly = false;
};

} // namespace QueueDesk
