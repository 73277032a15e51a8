#include "bulkactionrunner.h"

#include "jobs/storereply.h"
#include "store/storeclient.h"

#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QTimer>

#include <algorithm>

namespace QueueDesk {

BulkActionRunner::BulkActionRunner(StoreClient *client, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_client(client)
    , m_dialogParent(dialogParent)
{
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(m_dialogParent, tr("Confirm"), question) == QMessageBox::Yes;
    };
}

QString BulkActionRunner::actionName(Action action)
{
    switch (action) {
    case Action::Retry: return tr("retry");
    case Action::Cancel: return tr("cancel");
    case Action::Delete: return tr("delete");
    case Action::Requeue: return tr("requeue");
    case Action::RunNow: return tr("run now");
    case Action::SetPriority: return tr("change the priority of");
    }
    return {};
}

bool BulkActionRunner::isDestructive(Action action)
{
    return action == Action::Delete || action == Action::Cancel;
}

void BulkActionRunner::start(Action action, const Target &target, int priority)
{
    if (m_running) {
        emit finished(tr("Another action is still running."), false);
        return;
    }
    const Run run{action, target, priority, m_chunkSize};
    m_running = true;
    if (!target.query && target.ids.size() == 1 && target.states.isEmpty()) {
        startSingle(run);
        return;
    }
    if (!target.query) {
        counted(run, target.ids.size(), true);
        return;
    }
    // The dry run: how many jobs the filter matches now.
    const JobBrowserStore::Query query = *target.query;
    m_client->run<StoreReply<JobBrowserStore::Count>>(
        this, {},
        [query](QSqlDatabase &db) {
            return StoreReply<JobBrowserStore::Count>{JobBrowserStore(db).count(query, 1000000)};
        },
        [this, run](const StoreReply<JobBrowserStore::Count> &reply) {
            const Result<JobBrowserStore::Count> &count = reply.result;
            if (!count)
                done(count.error().message, false);
            else
                counted(run, count->value, count->exact);
        });
}

void BulkActionRunner::startSingle(const Run &run)
{
    const qint64 id = run.target.ids.constFirst();
    if (run.action == Action::Delete && !m_confirm(tr("Delete job %1? This cannot be undone.").arg(id))) {
        done(tr("Nothing changed."), false);
        return;
    }
    m_client->run<Status>(
        this, {}, [run](QSqlDatabase &db) { return runSingle(db, run); },
        [this, run, id](const Status &status) {
            if (!status)
                done(status.error().message, false);
            else
                done(tr("Job %1: %2 done.").arg(id).arg(actionName(run.action)), true);
        });
}

void BulkActionRunner::counted(const Run &run, qint64 count, bool exact)
{
    const QString number = (exact ? QString() : tr("about ")) + QLocale().toString(count);
    if (count == 0) {
        done(tr("No jobs match; nothing changed."), true);
        return;
    }
    QString question = tr("%1 %2 jobs?").arg(actionName(run.action)).arg(number);
    question[0] = question.at(0).toUpper();
    if (isDestructive(run.action))
        question += u' ' + tr("This cannot be undone.");
    if (!m_confirm(question)) {
        done(tr("Nothing changed."), false);
        return;
    }
    execute(run, count);
}

void BulkActionRunner::execute(const Run &run, qint64 expected)
{
    m_stop = std::make_shared<std::atomic_bool>(false);
    m_progress = new QProgressDialog(tr("Working: %1…").arg(actionName(run.action)), tr("Cancel"), 0,
                                     int(qMin<qint64>(expected, INT_MAX)), m_dialogParent);
    m_progress->setObjectName(u"bulkProgress"_s);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, this, &BulkActionRunner::cancel);
    // The store thread only stores a number after each chunk; the GUI thread
    // reads it on a timer, so no call crosses threads to a dialog that may be gone.
    auto handled = std::make_shared<std::atomic<qint64>>(0);
    auto *poll = new QTimer(m_progress);
    connect(poll, &QTimer::timeout, m_progress, [dialog = m_progress, handled] {
        dialog->setValue(int(qMin<qint64>(handled->load(), dialog->maximum())));
    });
    poll->start(100);
    auto stop = m_stop;
    JobActionStore::Progress progress = [handled, stop](qint64 done) {
        handled->store(done);
        return !stop->load();
    };
    m_client->run<StoreReply<BulkOutcome>>(
        this, {}, [run, progress](QSqlDatabase &db) { return StoreReply<BulkOutcome>{runBulk(db, run, progress)}; },
        [this](const StoreReply<BulkOutcome> &reply) {
            const Result<BulkOutcome> &outcome = reply.result;
            if (!outcome)
                done(outcome.error().message, false);
            else
                done(outcome->summary(), true);
        });
}

void BulkActionRunner::cancel()
{
    if (m_stop)
        m_stop->store(true);
}

void BulkActionRunner::done(const QString &summary, bool ok)
{
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    m_running = false;
    emit finished(summary, ok);
}

Status BulkActionRunner::runSingle(QSqlDatabase &db, const Run &run)
{
    JobActionStore store(db);
    const qint64 id = run.target.ids.constFirst();
    switch (run.action) {
    case Action::Retry: return store.retry(id);
    case Action::Cancel: return store.cancel(id);
    case Action::Delete: return store.remove(id);
    case Action::RunNow: return store.runNow(id);
    case Action::SetPriority: return store.setPriority(id, run.priority);
    case Action::Requeue: {
        auto requeued = store.requeue(id);
        return requeued ? Status() : Status(requeued.error());
    }
    }
    return Status();
}

Result<BulkOutcome> BulkActionRunner::runFilter(JobActionStore &store, const Run &run, const JobFilter &filter,
                                                const JobActionStore::Progress &progress)
{
    switch (run.action) {
    case Action::Retry: return store.retry(filter, progress);
    case Action::Cancel: return store.cancel(filter, progress);
    case Action::Delete: return store.remove(filter, progress);
    case Action::Requeue: return store.requeue(filter, progress);
    case Action::RunNow: return store.runNow(filter, progress);
    case Action::SetPriority: return store.setPriority(filter, run.priority, progress);
    }
    return BulkOutcome();
}

Result<BulkOutcome> BulkActionRunner::runBulk(QSqlDatabase &db, const Run &run,
                                              const JobActionStore::Progress &progress)
{
    if (run.target.query && run.target.query->hasDerivedStates()) {
        // Delayed, retrying and stalled are not columns a JobFilter can name:
        // the browser's query picks each chunk's ids, the action store acts on them.
        auto browser = std::make_shared<JobBrowserStore>(db);
        auto after = std::make_shared<qint64>(0);
        return runInSlices(db, run, [run, browser, after]() -> Result<QList<qint64>> {
            auto ids = browser->ids(*run.target.query, *after, run.chunkSize);
            if (ids && !ids->isEmpty())
                *after = ids->constLast();
            return ids;
        }, progress);
    }
    if (!run.target.query) {
        // A chunk's statement carries only its own ids, not the whole
        // selection's: 100,000 ids in every chunk would be read 10 times over.
        auto ids = std::make_shared<QList<qint64>>(run.target.ids);
        std::sort(ids->begin(), ids->end());
        auto at = std::make_shared<qsizetype>(0);
        return runInSlices(db, run, [run, ids, at]() -> Result<QList<qint64>> {
            const QList<qint64> slice = ids->mid(*at, run.chunkSize);
            *at += slice.size();
            return slice;
        }, progress);
    }
    JobActionStore store(db);
    store.setChunkSize(run.chunkSize);
    return runFilter(store, run, run.target.query->filter, progress);
}

Result<BulkOutcome> BulkActionRunner::runInSlices(QSqlDatabase &db, const Run &run, const NextIds &next,
                                                  const JobActionStore::Progress &progress)
{
    JobActionStore store(db);
    store.setChunkSize(run.chunkSize);
    BulkOutcome total;
    qint64 handled = 0;
    for (;;) {
        auto ids = next();
        if (!ids)
            return ids.error();
        if (ids->isEmpty())
            break;
        JobFilter filter;
        filter.ids = ids.value();
        filter.states = run.target.states;
        auto outcome = runFilter(store, run, filter, {});
        if (!outcome)
            return outcome.error();
        total.verb = outcome->verb;
        total.changed += outcome->changed;
        total.requested += outcome->requested;
        for (auto it = outcome->skipped.cbegin(); it != outcome->skipped.cend(); ++it)
            total.skip(it.key(), it.value());
        handled += ids->size();
        if (progress && !progress(handled)) {
            total.stopped = true;
            break;
        }
    }
    return total;
}

} // namespace QueueDesk
