#pragma once

#include "queue/job.h"
#include "queue/jobbrowserstore.h"

#include <QAbstractTableModel>

namespace QueueDesk {

class StoreClient;

// The jobs of a filter, 200 rows at a time: the view's scrolling asks for
// more (canFetchMore/fetchMore) and the store thread reads the next page
// after the last row's key. A new query resets the rows; replies for an
// older query are dropped.
class JobsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsModel)

public:
    enum Column { ColId, ColQueue, ColType, ColState, ColStore, ColPriority, ColAttempts, ColCreated,
                  ColRunAt, ColRuntime, ColError, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    JobsModel(StoreClient *client, QObject *parent = nullptr);

    void setQuery(const JobBrowserStore::Query &query);
    const JobBrowserStore::Query &query() const { return m_query; }
    void reload() { setQuery(m_query); }
    void setPageSize(int rows) { m_pageSize = rows; }

    const Job &job(int row) const { return m_jobs.at(row); }
    bool isFetching() const { return m_fetching; }
    bool atEnd() const { return m_atEnd; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void pageLoaded(int rows);
    void countKnown(qint64 count, bool exact);
    void errorOccurred(const QString &message);

private:
    void requestPage();
    void requestCount();
    static QString stateText(const Job &job);

    StoreClient *m_client;
    JobBrowserStore::Query m_query;
    JobBrowserStore::Cursor m_last;
    QList<Job> m_jobs;
    int m_pageSize = 200;
    quint64 m_generation = 0;
    bool m_fetching = false;
    bool m_atEnd = true;
};

} // namespace QueueDesk
