#include "jobsmodel.h"

#include "jobs/storereply.h"
#include "store/storeclient.h"
#include "util/durationtext.h"

namespace QueueDesk {

JobsModel::JobsModel(StoreClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
}

void JobsModel::setQuery(const JobBrowserStore::Query &query)
{
    beginResetModel();
    m_query = query;
    m_jobs.clear();
    m_last = {};
    m_atEnd = false;
    m_fetching = false;
    ++m_generation;
    endResetModel();
    requestPage();
    requestCount();
}

void JobsModel::requestPage()
{
    m_fetching = true;
    const quint64 generation = m_generation;
    const JobBrowserStore::Query query = m_query;
    const JobBrowserStore::Cursor after = m_last;
    const int limit = m_pageSize;
    m_client->run<StoreReply<JobBrowserStore::Page>>(
        this, u"jobs-page"_s,
        [query, after, limit](QSqlDatabase &db) {
            return StoreReply<JobBrowserStore::Page>{JobBrowserStore(db).page(query, after, limit)};
        },
        [this, generation](const StoreReply<JobBrowserStore::Page> &reply) {
            const Result<JobBrowserStore::Page> &page = reply.result;
            if (generation != m_generation)
                return;
            m_fetching = false;
            if (!page) {
                m_atEnd = true;
                emit errorOccurred(page.error().message);
                return;
            }
            m_atEnd = page->atEnd;
            m_last = page->last;
            if (!page->jobs.isEmpty()) {
                beginInsertRows({}, int(m_jobs.size()), int(m_jobs.size() + page->jobs.size() - 1));
                m_jobs += page->jobs;
                endInsertRows();
            }
            emit pageLoaded(int(page->jobs.size()));
        });
}

void JobsModel::requestCount()
{
    const quint64 generation = m_generation;
    const JobBrowserStore::Query query = m_query;
    m_client->run<StoreReply<JobBrowserStore::Count>>(
        this, u"jobs-count"_s,
        [query](QSqlDatabase &db) { return StoreReply<JobBrowserStore::Count>{JobBrowserStore(db).count(query)}; },
        [this, generation](const StoreReply<JobBrowserStore::Count> &reply) {
            const Result<JobBrowserStore::Count> &count = reply.result;
            if (generation != m_generation)
                return;
            if (!count)
                emit errorOccurred(count.error().message);
            else
                emit countKnown(count->value, count->exact);
        });
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool JobsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void JobsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

QString JobsModel::stateText(const Job &job)
{
    if (job.state == JobState::Scheduled)
        return job.attempts > 0 ? tr("retrying", "job state") : tr("delayed", "job state");
    if (job.state == JobState::Active && job.leaseUntil.isValid()
        && job.leaseUntil < QDateTime::currentDateTimeUtc())
        return tr("stalled", "job state");
    return jobStateName(job.state);
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_jobs.at(index.row());
    if (role == IdRole)
        return job.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ColId: return job.id;
    case ColQueue: return job.queue;
    case ColType: return job.type;
    case ColState: return stateText(job);
    case ColStore: return job.store;
    case ColPriority: return job.priority;
    case ColAttempts: return u"%1/%2"_s.arg(job.attempts).arg(job.maxAttempts);
    case ColCreated: return job.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case ColRunAt: return job.runAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case ColRuntime:
        if (job.startedAt.isValid() && job.finishedAt.isValid())
            return DurationText::ms(double(job.startedAt.msecsTo(job.finishedAt)));
        return QVariant();
    case ColError:
        return job.errors.isEmpty() ? QString()
                                    : job.errors.last().toObject().value(u"message"_s).toString();
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ColId: return tr("ID");
    case ColQueue: return tr("Queue");
    case ColType: return tr("Type");
    case ColState: return tr("State");
    case ColStore: return tr("Store");
    case ColPriority: return tr("Priority");
    case ColAttempts: return tr("Attempts");
    case ColCreated: return tr("Created");
    case ColRunAt: return tr("Run at");
    case ColRuntime: return tr("Runtime");
    case ColError: return tr("Last error");
    }
    return {};
}

} // namespace QueueDesk
