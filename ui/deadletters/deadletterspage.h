#pragma once

#include "queue/deadletterstore.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace QueueDesk {

class DeadLettersModel;
class StoreClient;

// Failed jobs grouped by type and error, with counts over the last hour, day
// and week; requeue or purge the selected groups or everything.
class DeadLettersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLettersPage)

public:
    // Asked before a purge with the number of jobs it will delete.
    using Confirm = std::function<bool(qint64 count)>;

    explicit DeadLettersPage(StoreClient *client, QWidget *parent = nullptr);

    DeadLettersModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString statusText() const;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    void refresh();
    void requeueSelected() { act(selection(false), false); }
    void requeueAll() { act(selection(true), false); }
    void purgeSelected() { act(selection(false), true); }
    void purgeAll() { act(selection(true), true); }

signals:
    void errorOccurred(const QString &message);
    // After every requeue or purge, with what it did.
    void actionFinished(const QString &summary);

protected:
    void showEvent(QShowEvent *event) override;

private:
    DeadLetterSelection selection(bool all) const;
    void act(const DeadLetterSelection &selection, bool purge);
    void runAction(const QList<qint64> &ids, bool purge);
    bool confirmPurge(qint64 count);
    void updateActions();

    StoreClient *m_client;
    DeadLettersModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_status;
    QAction *m_requeueSelected;
    QAction *m_requeueAll;
    QAction *m_purgeSelected;
    QAction *m_purgeAll;
    Confirm m_confirm;
};

} // namespace QueueDesk
