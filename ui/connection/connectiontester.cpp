#include "connectiontester.h"

#include "db/database.h"
#include "db/migrator.h"

#include <QAtomicInteger>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace QueueDesk {

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{
}

ConnectionTester::Outcome ConnectionTester::check(const ConnectionSettings &settings)
{
    static QAtomicInteger<quint64> counter;
    // Pool threads are reused: a name of its own per test, removed after.
    const QString name = u"qd-ui-test-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    Outcome outcome;
    {
        auto db = Database::open(settings, name);
        if (!db) {
            outcome.error = db.error();
            return outcome;
        }
        if (auto state = Migrator(db.value()).state(); state) {
            outcome.schemaCurrent = state->current;
            outcome.schemaLatest = state->latest;
        } else {
            outcome.error = state.error();
        }
        if (auto permissions = PermissionStore(db.value()).probe(); permissions)
            outcome.permissions = permissions.value();
        else if (!outcome.error.isError())
            outcome.error = permissions.error();
    }
    Database::close(name);
    return outcome;
}

void ConnectionTester::test(const ConnectionSettings &settings)
{
    const quint64 ticket = ++m_ticket;
    m_running = true;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, ticket] {
        watcher->deleteLater();
        if (ticket != m_ticket)
            return;   // a newer test is on its way
        m_running = false;
        emit finished(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([settings] { return check(settings); }));
}

} // namespace QueueDesk
