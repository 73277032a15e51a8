#pragma once

#include <QWidget>

class QTableView;

namespace QueueDesk {

class Refresher;
class WorkersModel;

// Every engine on the database: host, pid, queues, load, heartbeat, leader.
class WorkersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkersPage)

public:
    explicit WorkersPage(Refresher *refresher, QWidget *parent = nullptr);
    WorkersModel *model() const { return m_model; }

private:
    WorkersModel *m_model;
    QTableView *m_view;
};

} // namespace QueueDesk
