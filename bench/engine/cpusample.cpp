#include "cpusample.h"

#include "util/error.h"

#include <QFile>

#include <unistd.h>

namespace QueueDesk::EngineBench {

namespace {

double ticksPerSecond()
{
    static const double ticks = double(sysconf(_SC_CLK_TCK));
    return ticks;
}

// /proc/stat "cpu" line: user nice system idle iowait irq softirq steal ...
double hostBusySeconds()
{
    QFile stat(u"/proc/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    double busy = 0;
    for (qsizetype i = 1; i < fields.size(); ++i) {
        if (i != 4 && i != 5)   // idle and iowait
            busy += fields.at(i).toDouble();
    }
    return busy / ticksPerSecond();
}

} // namespace

double CpuSample::processSeconds(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name may hold spaces: fields count from after its ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 here).
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticksPerSecond();
}

CpuSample CpuSample::take(const QList<qint64> &clientPids, const QList<qint64> &serverPids)
{
    CpuSample sample;
    for (qint64 pid : clientPids) {
        if (double s = processSeconds(pid); s >= 0)
            sample.m_client.insert(pid, s);
    }
    for (qint64 pid : serverPids) {
        if (double s = processSeconds(pid); s >= 0)
            sample.m_server.insert(pid, s);
    }
    sample.m_hostBusy = hostBusySeconds();
    return sample;
}

double CpuSample::since(const QHash<qint64, double> &now, const QHash<qint64, double> &then)
{
    double total = 0;
    for (auto it = now.cbegin(); it != now.cend(); ++it)
        total += it.value() - then.value(it.key(), 0);
    return total;
}

double CpuSample::hostBusySince(const CpuSample &before) const
{
    return m_hostBusy - before.m_hostBusy;
}

void CpuSample::describe(const CpuSample &before, const CpuSample &after, DrainOutcome &outcome)
{
    const double wall = outcome.seconds;
    const qint64 jobs = outcome.jobs;
    if (jobs <= 0 || wall <= 0)
        return;
    const double client = after.clientSince(before);
    const double server = after.serverSince(before);
    outcome.clientCpuUs = client / jobs * 1e6;
    outcome.serverCpuUs = server / jobs * 1e6;
    outcome.hostBusyCores = after.hostBusySince(before) / wall;
    outcome.cpu = u"cpu/job: client %1 us, server %2 us; cores busy: client %3, server %4, host %5"_s
                      .arg(outcome.clientCpuUs, 0, 'f', 1)
                      .arg(outcome.serverCpuUs, 0, 'f', 1)
                      .arg(client / wall, 0, 'f', 2)
                      .arg(server / wall, 0, 'f', 2)
                      .arg(outcome.hostBusyCores, 0, 'f', 2);
}

} // namespace QueueDesk::EngineBench
