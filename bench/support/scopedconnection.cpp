#include "scopedconnection.h"

#include "db/database.h"

namespace QueueDesk::Bench {

ScopedConnection::~ScopedConnection()
{
    close();
}

Status ScopedConnection::open(const ConnectionSettings &settings, const QString &name)
{
    close();
    auto db = Database::open(settings, name);
    if (!db)
        return db.error();
    m_db = db.value();
    m_name = name;
    return {};
}

void ScopedConnection::close()
{
    if (m_name.isEmpty())
        return;
    m_db = QSqlDatabase();
    Database::close(m_name);
    m_name.clear();
}

Result<QSqlQuery> ScopedConnection::exec(const QString &sql, const QVariantList &binds)
{
    return Database::exec(m_db, sql, binds);
}

Result<QVariant> ScopedConnection::value(const QString &sql, const QVariantList &binds)
{
    auto query = exec(sql, binds);
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error(Error::Code::NotFound, u"The query returned no row."_s, sql.left(80));
    return query.value().value(0);
}

} // namespace QueueDesk::Bench
