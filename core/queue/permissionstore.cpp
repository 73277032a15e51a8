#include "permissionstore.h"

#include "db/database.h"

#include <QSqlQuery>

namespace QueueDesk {

namespace {

// to_regclass / to_regprocedure / to_regnamespace give NULL for a missing
// object where a name would raise an error; has_*_privilege(NULL, ...) is
// NULL, read as "no".
const QString probeSql = uR"(
WITH o AS (
    SELECT to_regclass('queuedesk.jobs') AS jobs,
           to_regclass('queuedesk.queues') AS queues,
           to_regprocedure('queuedesk.claim(text, text, integer, integer, integer, bigint, text)') AS claim,
           to_regnamespace('queuedesk') AS ns)
SELECT current_user,
       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
       o.ns IS NOT NULL,
       coalesce(has_table_privilege(o.jobs, 'SELECT'), false),
       coalesce(has_table_privilege(o.jobs, 'INSERT'), false),
       coalesce(has_table_privilege(o.jobs, 'UPDATE'), false),
       coalesce(has_table_privilege(o.jobs, 'DELETE'), false),
       coalesce(has_table_privilege(o.queues, 'SELECT'), false),
       coalesce(has_table_privilege(o.queues, 'INSERT'), false),
       coalesce(has_table_privilege(o.queues, 'UPDATE'), false),
       coalesce(has_table_privilege(o.queues, 'DELETE'), false),
       coalesce(has_function_privilege(o.claim, 'EXECUTE'), false),
       has_database_privilege(current_database(), 'CREATE'),
       coalesce(has_schema_privilege(o.ns, 'CREATE'), false),
       coalesce((SELECT pg_has_role(nspowner, 'USAGE') FROM pg_namespace WHERE oid = o.ns), false),
       current_setting('server_version')
FROM o
)"_s;

RolePermissions::Table tableFrom(const QSqlQuery &q, int first)
{
    return {q.value(first).toBool(), q.value(first + 1).toBool(), q.value(first + 2).toBool(),
            q.value(first + 3).toBool()};
}

} // namespace

PermissionStore::PermissionStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Result<RolePermissions> PermissionStore::probe()
{
    auto query = Database::exec(m_db, probeSql);
    if (!query)
        return query.error();
    QSqlQuery &q = query.value();
    if (!q.next())
        return Error(Error::Code::Database, u"PostgreSQL did not answer the permission check."_s);
    RolePermissions p;
    p.role = q.value(0).toString();
    p.superuser = q.value(1).toBool();
    p.schemaExists = q.value(2).toBool();
    p.jobs = tableFrom(q, 3);
    p.queues = tableFrom(q, 7);
    p.canClaim = q.value(11).toBool();
    p.canCreateSchema = q.value(12).toBool();
    p.canCreateInSchema = q.value(13).toBool();
    p.ownsSchema = q.value(14).toBool();
    p.serverVersion = q.value(15).toString();
    return p;
}

} // namespace QueueDesk
