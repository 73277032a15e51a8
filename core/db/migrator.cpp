#include "migrator.h"

#include "db/database.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace QueueDesk {

namespace {

// pg_advisory_xact_lock key: "QDmigrat" as a 64-bit number.
constexpr qint64 migrationLockKey = 0x51446d6967726174;

} // namespace

Migrator::Migrator(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<Migrator::Migration> Migrator::migrations()
{
    static const QList<Migration> all = [] {
        QList<Migration> list;
        const QDir dir(u":/queuedesk/sql"_s);
        static const QRegularExpression pattern(u"^(\\d+)_(.+)\\.sql$"_s);
        for (const QString &file : dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name)) {
            const auto match = pattern.match(file);
            if (!match.hasMatch())
                continue;
            QFile f(dir.filePath(file));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            list.append({match.captured(1).toInt(), match.captured(2), QString::fromUtf8(f.readAll())});
        }
        std::sort(list.begin(), list.end(), [](const Migration &a, const Migration &b) { return a.version < b.version; });
        return list;
    }();
    return all;
}

int Migrator::latestVersion()
{
    const auto all = migrations();
    return all.isEmpty() ? 0 : all.last().version;
}

Result<int> Migrator::currentVersion() const
{
    auto exists = Database::exec(m_db, u"SELECT to_regclass('queuedesk.migrations') IS NOT NULL"_s);
    if (!exists)
        return exists.error();
    if (!exists.value().next() || !exists.value().value(0).toBool())
        return 0;
    auto version = Database::exec(m_db, u"SELECT coalesce(max(version), 0) FROM queuedesk.migrations"_s);
    if (!version)
        return version.error();
    return version.value().next() ? version.value().value(0).toInt() : 0;
}

Result<Migrator::SchemaState> Migrator::state() const
{
    auto current = currentVersion();
    if (!current)
        return current.error();
    return SchemaState{current.value(), latestVersion()};
}

// A queuedesk schema someone else made first would be adopted as ours: its
// owner could then replace the claim function or the tables the workers
// write to. It is trusted when its owner is the migrating role, a
// superuser, or (for a role that is not one itself) a role it belongs to.
// A superuser belongs to every role, so membership alone cannot count.
Status Migrator::schemaOwnerIsTrusted()
{
    auto owner = Database::exec(
        m_db, u"SELECT n.nspowner::regrole::text, "
              u"       n.nspowner = me.oid OR owner.rolsuper "
              u"       OR (NOT me.rolsuper AND pg_has_role(me.oid, n.nspowner, 'MEMBER')) "
              u"  FROM pg_namespace n JOIN pg_roles owner ON owner.oid = n.nspowner "
              u"  JOIN pg_roles me ON me.rolname = current_user "
              u" WHERE n.nspname = 'queuedesk'"_s);
    if (!owner)
        return owner.error();
    if (!owner.value().next() || owner.value().value(1).toBool())
        return {};   // no schema yet, or one we may trust
    return Error(Error::Code::InvalidArgument,
                 u"The schema \"queuedesk\" already exists and belongs to the role \"%1\", which this role does not "
                 u"trust; QueueDesk will not adopt it. Run migrate as that role, or have its owner changed "
                 u"(ALTER SCHEMA queuedesk OWNER TO ...), if it is really QueueDesk's."_s
                     .arg(owner.value().value(0).toString()));
}

Result<int> Migrator::migrate()
{
    if (!m_db.transaction())
        return Database::errorFrom(m_db.lastError(), u"begin migration"_s);
    auto fail = [this](Error error) -> Result<int> {
        m_db.rollback();
        return error;
    };
    if (auto locked = Database::exec(m_db, u"SELECT pg_advisory_xact_lock(?)"_s, {migrationLockKey}); !locked)
        return fail(locked.error());
    if (Status trusted = schemaOwnerIsTrusted(); !trusted)
        return fail(trusted.error());
    if (Status created = Database::execScript(m_db,
            u"CREATE SCHEMA IF NOT EXISTS queuedesk;"
            u"CREATE TABLE IF NOT EXISTS queuedesk.migrations ("
            u"  version integer PRIMARY KEY, name text NOT NULL,"
            u"  applied_at timestamptz NOT NULL DEFAULT now())"_s); !created)
        return fail(created.error());
    auto current = currentVersion();
    if (!current)
        return fail(current.error());
    if (current.value() > latestVersion())
        return fail(Error(Error::Code::SchemaTooNew,
                          u"This database was set up by a newer QueueDesk (schema %1; this program knows up to %2). "
                          u"Upgrade QueueDesk to change it."_s.arg(current.value()).arg(latestVersion())));
    int applied = 0;
    for (const Migration &migration : migrations()) {
        if (migration.version <= current.value())
            continue;
        if (Status ran = Database::execScript(m_db, migration.sql); !ran) {
            Error error = ran.error();
            error.message = u"Migration %1 (%2) failed."_s.arg(migration.version).arg(migration.name);
            return fail(error);
        }
        if (auto recorded = Database::exec(m_db, u"INSERT INTO queuedesk.migrations (version, name) VALUES (?, ?)"_s,
                                           {migration.version, migration.name}); !recorded)
            return fail(recorded.error());
        ++applied;
    }
    if (!m_db.commit())
        return fail(Database::errorFrom(m_db.lastError(), u"commit migration"_s));
    return applied;
}

} // namespace QueueDesk
