#pragma once

#include "util/error.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace QueueDesk {

// Applies the numbered SQL files of resources/sql in order, each once,
// inside one transaction under an advisory lock, so concurrent starters
// never race. A database migrated by a newer QueueDesk is left alone.
class Migrator final
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QString sql;
    };

    struct SchemaState
    {
        int current = 0;   // 0: no QueueDesk schema yet
        int latest = 0;    // the newest this program knows
        bool needsMigration() const { return current < latest; }
        bool tooNew() const { return current > latest; }
    };

    explicit Migrator(QSqlDatabase db);

    static QList<Migration> migrations();
    static int latestVersion();

    Result<SchemaState> state() const;
    // Returns the number of migrations applied (0 when already current).
    Result<int> migrate();

private:
    Result<int> currentVersion() const;
    Status schemaOwnerIsTrusted();

    QSqlDatabase m_db;
};

} // namespace QueueDesk
