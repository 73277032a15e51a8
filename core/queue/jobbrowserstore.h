#pragma once

#include "queue/job.h"
#include "queue/jobfilter.h"
#include "util/error.h"

#include <QSqlDatabase>

#include <functional>

namespace QueueDesk {

// What the jobs browser reads: pages of a filter in one of several orders,
// walked by key (the sort value and the id as tie-break), never by OFFSET,
// so page 5,000 costs what page 1 costs; and the count of matches, exact
// where a bounded count is cheap, else PostgreSQL's estimate.
class JobBrowserStore final
{
public:
    // Finished lists finished jobs only: the others have no finish time.
    enum class Sort { Id, Created, Priority, RunAt, Finished, Runtime };

    // A filter plus the states the schema does not store: delayed (scheduled,
    // never tried), retrying (scheduled after a failure) and stalled (active
    // with an expired lease). All chosen states are alternatives.
    struct Query
    {
        JobFilter filter;
        bool delayed = false;
        bool retrying = false;
        bool stalled = false;
        Sort sort = Sort::Id;
        bool descending = true;

        bool hasDerivedStates() const { return delayed || retrying || stalled; }
    };

    // Where the last page ended: the sort value (as PostgreSQL's text) and id.
    struct Cursor
    {
        QString key;
        qint64 id = 0;
        bool isValid() const { return id > 0; }
    };

    struct Page
    {
        QList<Job> jobs;
        Cursor last;
        bool atEnd = false;
    };

    struct Count
    {
        qint64 value = 0;
        bool exact = true;
    };

    explicit JobBrowserStore(QSqlDatabase db);

    // The rows after the cursor (from the start when it is invalid).
    Result<Page> page(const Query &query, const Cursor &after, int limit = 200);
    // Exact up to exactLimit matches; above it the planner's row estimate.
    Result<Count> count(const Query &query, qint64 exactLimit = 10000);
    // Ids of matching jobs in id order after afterId: bulk actions on
    // derived states resolve their targets with this, chunk by chunk.
    Result<QList<qint64>> ids(const Query &query, qint64 afterId, int limit);
    // The query plan of the first page, for benchmarks and diagnosis.
    Result<QString> explainPage(const Query &query, const Cursor &after, int limit = 200, bool analyze = false);

    static QString sortName(Sort sort);
    static std::optional<Sort> sortFromName(QStringView name);

private:
    static JobFilter::Sql where(const Query &query);
    static QString sortKey(Sort sort);
    static QString sortCast(Sort sort);
    static QString pageSql(const Query &query, const Cursor &after, QVariantList &binds, int limit);

    QSqlDatabase m_db;
};

} // namespace QueueDesk
