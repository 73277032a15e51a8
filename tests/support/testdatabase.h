#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

namespace QueueDesk::Testing {

// A fresh, migrated database for one test program, on the throwaway
// cluster the suite starts (or on the server QUEUEDESK_TEST_DSN names).
// There is no skipping: without a database the test fails.
class TestDatabase final
{
public:
    // Starts or reuses the suite's cluster; the settings of its admin database.
    static Result<ConnectionSettings> serverSettings();
    static Result<ConnectionSettings> create(const QString &name, bool migrate = true);
    static Status drop(const QString &name);

    // A connection of the calling thread to the database of the settings.
    static QSqlDatabase connect(const ConnectionSettings &settings, const QString &connectionName);
    // The first column of the first row as a number (a count, usually);
    // -1 when the statement fails or returns no row, which no count equals.
    static qint64 scalar(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {});
};

} // namespace QueueDesk::Testing
