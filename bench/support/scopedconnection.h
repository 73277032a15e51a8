#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace QueueDesk::Bench {

// A named connection for the current thread, closed and removed when it
// goes out of scope (Qt warns when a connection is removed while in use).
class ScopedConnection final
{
public:
    ScopedConnection() = default;
    ~ScopedConnection();
    ScopedConnection(const ScopedConnection &) = delete;
    ScopedConnection &operator=(const ScopedConnection &) = delete;

    Status open(const ConnectionSettings &settings, const QString &name);
    void close();
    QSqlDatabase &db() { return m_db; }

    // Setup and measurement SQL; the measured paths go through JobStore.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {});
    // The first column of the first row.
    Result<QVariant> value(const QString &sql, const QVariantList &binds = {});

private:
    QSqlDatabase m_db;
    QString m_name;
};

} // namespace QueueDesk::Bench
