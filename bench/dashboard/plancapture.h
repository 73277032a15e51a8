#pragma once

#include "util/error.h"

#include <QSqlDatabase>
#include <QStringList>

namespace QueueDesk::Bench {

// EXPLAIN (ANALYZE, BUFFERS) of every statement a piece of code runs on one
// connection, as the code runs it: auto_explain logs each plan at NOTICE
// level, and libpq's notice processor on the connection collects them. So
// the plans are those of the stores' real SQL with its real binds, not of a
// copy. Needs the right to LOAD auto_explain (a superuser, as on our own
// throwaway cluster).
class PlanCapture final
{
public:
    explicit PlanCapture(QSqlDatabase db);
    ~PlanCapture();
    PlanCapture(const PlanCapture &) = delete;
    PlanCapture &operator=(const PlanCapture &) = delete;

    Status start();
    void stop();
    // One entry per statement: "duration: ... plan: Query Text: ... <plan>".
    const QStringList &plans() const { return m_plans; }

private:
    static void collect(void *self, const char *message);

    QSqlDatabase m_db;
    QStringList m_plans;
    using NoticeProcessor = void (*)(void *arg, const char *message);   // libpq's PQnoticeProcessor

    NoticeProcessor m_previous = nullptr;
    bool m_running = false;
};

} // namespace QueueDesk::Bench
