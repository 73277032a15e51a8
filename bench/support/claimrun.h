#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QList>
#include <QMutex>
#include <QString>

#include <atomic>
#include <latch>

namespace QueueDesk {
class JobStore;
}

namespace QueueDesk::Bench {

struct ClaimState;

// Claim + complete of no-op jobs, as a dispatcher would run it: each thread
// has its own connection and loops JobStore::claim(B) then
// JobStore::complete(batch). With the floor on, each thread keeps the
// min ready_seq of its last full claim as the next floor and rescans from 0
// after a short claim (resources/sql/002_claim.sql).
class ClaimRun final
{
public:
    struct Config
    {
        QString queue = u"bench"_s;
        int threads = 1;
        int batch = 50;
        bool floor = false;
        double seconds = 10;   // 0: until the queue is empty
    };

    struct Outcome
    {
        qint64 jobs = 0;
        qint64 claims = 0;
        qint64 shortClaims = 0;
        double seconds = 0;
        QList<qint64> perSecond;   // jobs completed in each second of the run

        double jobsPerSecond() const { return seconds > 0 ? jobs / seconds : 0; }
        // Jobs/s over the first and the last two seconds: the decay.
        QString curve() const;
    };

    ClaimRun(ConnectionSettings settings, Config config);
    Result<Outcome> run();

private:
    void work(int index);
    bool claimAndComplete(JobStore &store, ClaimState &state);
    void fail(const QString &message);

    ConnectionSettings m_settings;
    Config m_config;
    std::latch m_ready;
    std::latch m_go{1};
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_jobs{0};
    std::atomic<qint64> m_claims{0};
    std::atomic<qint64> m_shortClaims{0};
    QMutex m_errorMutex;
    QString m_error;
};

} // namespace QueueDesk::Bench
