#pragma once

#include "server.h"

#include "drainoutcome.h"
#include "util/error.h"

namespace QueueDesk::EngineBench {


// The ceiling: pgbench running the engine's claim and acknowledgement SQL
// (sql/engine-claim.pgbench) with the same batch size and as many clients
// as the engine has dispatcher connections, over the same kind of table
// (N jobs through enqueueMany, vacuumed, checkpointed). Each client runs
// its share of N / B transactions plus a little slack so a short claim at
// the end cannot leave rows behind; the figure is the verified completed
// rows over pgbench's own time (transactions / tps, connections excluded).
class PgbenchDrain final
{
public:
    struct Config
    {
        qint64 jobs = 100000;
        int clients = 1;
        int batch = 16;
        QString protocol = u"prepared"_s;   // the engine prepares its claim and completion too
    };

    static Result<DrainOutcome> run(Server &server, const Config &config);
    static QString scriptPath();
};

} // namespace QueueDesk::EngineBench
