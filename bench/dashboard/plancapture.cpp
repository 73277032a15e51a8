#include "plancapture.h"

#include "db/database.h"

#include <libpq-fe.h>

namespace QueueDesk::Bench {

PlanCapture::PlanCapture(QSqlDatabase db)
    : m_db(std::move(db))
{
}

PlanCapture::~PlanCapture()
{
    stop();
}

void PlanCapture::collect(void *self, const char *message)
{
    const QString text = QString::fromUtf8(message).trimmed();
    if (text.contains(u"plan:"_s))
        static_cast<PlanCapture *>(self)->m_plans.append(text);
}

Status PlanCapture::start()
{
    for (const QString &sql : {u"LOAD 'auto_explain'"_s, u"SET auto_explain.log_min_duration = 0"_s,
                               u"SET auto_explain.log_analyze = on"_s, u"SET auto_explain.log_buffers = on"_s,
                               u"SET auto_explain.log_timing = on"_s, u"SET auto_explain.log_nested_statements = off"_s,
                               u"SET auto_explain.log_level = notice"_s, u"SET client_min_messages = notice"_s}) {
        if (auto done = Database::exec(m_db, sql); !done)
            return done.error();
    }
    // SETs run before the processor is in place: their notices are not plans.
    PGconn *conn = Database::nativeHandle(m_db);
    if (!conn)
        return Error(Error::Code::Database, u"No libpq handle on the connection."_s);
    m_previous = PQsetNoticeProcessor(conn, &PlanCapture::collect, this);
    m_running = true;
    return {};
}

void PlanCapture::stop()
{
    if (!m_running)
        return;
    m_running = false;
    if (PGconn *conn = Database::nativeHandle(m_db))
        PQsetNoticeProcessor(conn, m_previous, nullptr);
    for (const QString &sql : {u"SET auto_explain.log_min_duration = -1"_s, u"SET client_min_messages = warning"_s})
        (void)Database::exec(m_db, sql);
}

} // namespace QueueDesk::Bench
