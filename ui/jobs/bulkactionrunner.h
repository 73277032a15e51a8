#pragma once

#include "queue/bulkoutcome.h"
#include "queue/jobactionstore.h"
#include "queue/jobbrowserstore.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QProgressDialog;
class QWidget;

namespace QueueDesk {

class StoreClient;

// Runs one operator action on one job, a selection or everything a filter
// matches. Bulk runs count their targets first (the dry run), ask the
// operator with that number, then run in chunks on the store thread behind
// a progress dialog whose Cancel stops after the current chunk, and end
// with the outcome's summary ("312,000 requeued, 3 skipped: running").
class BulkActionRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkActionRunner)

public:
    enum class Action { Retry, Cancel, Delete, Requeue, RunNow, SetPriority };

    // Either ids (a selection) or a query (all matching). states narrows
    // ids to the jobs still in one of them when their chunk runs (the dead
    // letters page acts only on jobs that are still failed); such a target
    // always runs as a bulk action, even for one id.
    struct Target
    {
        QList<qint64> ids;
        std::optional<JobBrowserStore::Query> query;
        QList<JobState> states;
    };

    using Confirm = std::function<bool(const QString &question)>;

    BulkActionRunner(StoreClient *client, QWidget *dialogParent);

    // Tests answer the question themselves; the default asks in a box.
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setChunkSize(int rows) { m_chunkSize = rows; }
    bool isRunning() const { return m_running; }

    void start(Action action, const Target &target, int priority = 0);
    void cancel();

    static QString actionName(Action action);
    static bool isDestructive(Action action);

signals:
    // ok: the action ran (perhaps skipping jobs); false: refused or failed.
    void finished(const QString &summary, bool ok);

private:
    struct Run
    {
        Action action;
        Target target;
        int priority;
        int chunkSize;
    };

    void startSingle(const Run &run);
    void counted(const Run &run, qint64 count, bool exact);
    void execute(const Run &run, qint64 expected);
    void done(const QString &summary, bool ok);
    static Status runSingle(QSqlDatabase &db, const Run &run);
    static Result<BulkOutcome> runBulk(QSqlDatabase &db, const Run &run, const JobActionStore::Progress &progress);
    static Result<BulkOutcome> runFilter(JobActionStore &store, const Run &run, const JobFilter &filter,
                                         const JobActionStore::Progress &progress);
    using NextIds = std::function<Result<QList<qint64>>()>;
    static Result<BulkOutcome> runInSlices(QSqlDatabase &db, const Run &run, const NextIds &next,
                                           const JobActionStore::Progress &progress);

    StoreClient *m_client;
    QPointer<QWidget> m_dialogParent;
    QProgressDialog *m_progress = nullptr;
    Confirm m_confirm;
    std::shared_ptr<std::atomic_bool> m_stop;
    int m_chunkSize = 10000;
    bool m_running = false;
};

} // namespace QueueDesk
