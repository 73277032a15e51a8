#pragma once

#include "queue/deadletterstore.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace QueueDesk {

class BulkActionRunner;
class DeadLettersModel;
class StoreClient;

// Failed jobs grouped by type and error, with counts over the last hour, day
// and week; requeue or purge the selected groups or everything. Requeue and
// purge run through the jobs browser's BulkActionRunner: in chunks on the
// store thread, behind a progress dialog whose Cancel stops between chunks,
// ending with what was done ("100,000 requeued").
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
    // Only purges ask; a requeue can be undone by purging again.
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // Tests set a small chunk size and cancel through it.
    BulkActionRunner *runner() const { return m_runner; }

    void refresh();
    void requeueSelected() { act(selection(false), false); }
    void requeueAll() { act(selection(true), false); }
    void purgeSelected() { act(selection(false), true); }
    void purgeAll() { act(selection(true), true); }

signals:
    void errorOccurred(const QString &message);
    // After every requeue or purge that ran (perhaps stopped early), with
    // what it did.
    void actionFinished(const QString &summary);

protected:
    void showEvent(QShowEvent *event) override;

private:
    DeadLetterSelection selection(bool all) const;
    void act(const DeadLetterSelection &selection, bool purge);
    void runAction(const QList<qint64> &ids, bool purge);
    bool confirmPurge();
    void finished(const QString &summary, bool ok);
    void updateActions();

    StoreClient *m_client;
    BulkActionRunner *m_runner;
    DeadLettersModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_status;
    QAction *m_requeueSelected;
    QAction *m_requeueAll;
    QAction *m_purgeSelected;
    QAction *m_purgeAll;
    Confirm m_confirm;
    // The action the runner is about to ask about or is running.
    bool m_purging = false;
    qint64 m_count = 0;
    bool m_declined = false;
};

} // namespace QueueDesk
