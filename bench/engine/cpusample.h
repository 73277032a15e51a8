#pragma once

#include "drainoutcome.h"
#include "util/error.h"

#include <QHash>
#include <QList>
#include <QString>

namespace QueueDesk::EngineBench {

// CPU seconds used by groups of processes between two moments, read from
// /proc: the bench (client) side and the server's processes, so a figure
// says where the two shared cores went. Server processes that start and end
// between the two readings (a short autovacuum worker) are not seen.
class CpuSample final
{
public:
    // Reads the current totals of clientPids and serverPids.
    static CpuSample take(const QList<qint64> &clientPids, const QList<qint64> &serverPids);

    // Seconds used since `before` (processes new since then count in full).
    double clientSince(const CpuSample &before) const { return since(m_client, before.m_client); }
    double serverSince(const CpuSample &before) const { return since(m_server, before.m_server); }
    // Busy cores of the whole host (every process, ours or not) since `before`.
    double hostBusySince(const CpuSample &before) const;

    // Fills the outcome's cpu fields from two samples around its drain.
    static void describe(const CpuSample &before, const CpuSample &after, DrainOutcome &outcome);

private:
    static double since(const QHash<qint64, double> &now, const QHash<qint64, double> &then);
    static double processSeconds(qint64 pid);

    QHash<qint64, double> m_client;
    QHash<qint64, double> m_server;
    double m_hostBusy = 0;    // seconds of non-idle CPU since boot, all cores
};

} // namespace QueueDesk::EngineBench
