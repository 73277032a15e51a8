#pragma once

#include "jobs/bulkactionrunner.h"
#include "queue/jobbrowserstore.h"

#include <QHash>
#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QTableView;

namespace QueueDesk {

class JobFilterBar;
class JobsModel;
class JobDetailDialog;
class StoreClient;

// Finds any job among millions and acts on it: the filter bar, the paged
// table with its count of matches, the detail of a job, and every action
// on the selection or on all jobs the filter matches, from the toolbar,
// the context menu and the keyboard.
class JobsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsPage)

public:
    using Action = BulkActionRunner::Action;

    explicit JobsPage(StoreClient *client, QWidget *parent = nullptr);

    JobFilterBar *filterBar() const { return m_filterBar; }
    JobsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    BulkActionRunner *runner() const { return m_runner; }
    QString countText() const;
    QString statusText() const;
    QAction *action(Action action, bool allMatching) const;

    QList<qint64> selectedIds() const;
    // Runs an action on the selection or on all the filter matches.
    void runAction(Action action, bool allMatching, int priority = 0);
    // Clones a job with this payload text; a text that is not a JSON object
    // is refused at once with the reason and nothing is saved.
    Status cloneJob(qint64 id, const QString &payloadText);
    void exportTo(const QString &path, bool allMatching);
    JobDetailDialog *openDetail(qint64 id);

signals:
    void actionFinished(const QString &summary, bool ok);
    void exportFinished(const QString &summary, bool ok);
    void errorOccurred(const QString &message);

private:
    void buildActions();
    void loadFilter();
    QAction *addAction(Action action, bool allMatching, const QString &text, const QKeySequence &shortcut);
    void askAndRun(Action action, bool allMatching);
    void cloneSelected();
    void exportInteractive(bool allMatching);
    void showContextMenu(const QPoint &pos);
    void showStatus(const QString &text, bool ok);
    void updateActions();

    StoreClient *m_client;
    JobFilterBar *m_filterBar;
    JobsModel *m_model;
    QTableView *m_view;
    QLabel *m_count;
    QLabel *m_status;
    BulkActionRunner *m_runner;
    QHash<int, QAction *> m_actions;   // (action << 1) | allMatching
    QAction *m_open = nullptr;
    QAction *m_clone = nullptr;
    QAction *m_export = nullptr;
    QAction *m_exportAll = nullptr;
    QAction *m_refresh = nullptr;
    QMenu *m_allMenu = nullptr;
};

} // namespace QueueDesk
