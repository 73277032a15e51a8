#pragma once

#include "queue/queueconfig.h"
#include "util/error.h"

#include <QList>
#include <QSqlDatabase>

namespace QueueDesk {

// Queue configuration: create, read, update, delete, pause and resume,
// and the per-store weights of fair claiming.
class QueueStore final
{
public:
    explicit QueueStore(QSqlDatabase db);

    Result<QList<QueueConfig>> list();
    Result<QueueConfig> get(const QString &name);
    Status create(const QueueConfig &config);
    Status update(const QueueConfig &config);
    // Refuses while the queue has unfinished jobs unless force is set,
    // in which case its jobs go with it.
    Status remove(const QString &name, bool force = false);
    Status setPaused(const QString &name, bool paused);
    Status setStoreWeight(const QString &queue, const QString &store, int weight);

private:
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {});
    Status expectOneRow(Result<QSqlQuery> &query, const QString &name);

    QSqlDatabase m_db;
};

} // namespace QueueDesk
