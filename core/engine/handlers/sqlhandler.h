#pragma once

#include "db/connectionsettings.h"
#include "engine/handler.h"

#include <QSqlDatabase>
#include <QVariantList>

class QSqlQuery;

namespace QueueDesk {

// Calls one database function or procedure (payload: function, args,
// timeout_ms) and stores the first rows it returns. The name is checked to
// be a plain identifier and the arguments are bound as values, so a payload
// cannot add SQL of its own. Off unless the worker's configuration turns it on.
class SqlHandler final : public Handler
{
public:
    SqlHandler(bool enabled, ConnectionSettings settings, int defaultTimeoutMs);
    HandlerResult run(JobContext &context) override;

    // The rows kept in a job's result; the rest are only counted.
    static constexpr int maxRows = 100;

private:
    struct Call
    {
        QString function;      // as validated: name or schema.name
        QVariantList args;
        qint64 timeoutMs = 0;  // 0: no limit
    };

    Result<Call> readCall(const QJsonObject &payload) const;
    // This thread's connection, opened on first use and kept for later jobs.
    Result<QSqlDatabase> connection() const;
    static Result<bool> isProcedure(const QSqlDatabase &db, const QString &function);
    HandlerResult execute(const QSqlDatabase &db, const Call &call, JobContext &context) const;
    static QJsonObject rowsOf(QSqlQuery &query);

    const bool m_enabled;
    const ConnectionSettings m_settings;
    const int m_defaultTimeoutMs;
};

} // namespace QueueDesk
