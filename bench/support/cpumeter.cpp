#include "cpumeter.h"

#include <QDir>
#include <QFile>
#include <QStringList>

#include <sys/resource.h>
#include <unistd.h>

namespace QueueDesk::Bench {

namespace {

double ticksPerSecond()
{
    static const double ticks = double(sysconf(_SC_CLK_TCK));
    return ticks;
}

// Fields of /proc/<pid>/stat after the command name: [1] ppid, [11] utime,
// [12] stime, [13] cutime, [14] cstime (man 5 proc, counted from state = 0).
QStringList statFields(const QString &pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromLatin1(file.readAll());
    const qsizetype close = text.lastIndexOf(u')');
    return close < 0 ? QStringList() : text.mid(close + 2).split(u' ');
}

double rusageSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

double hostBusySeconds()
{
    QFile file(u"/proc/stat"_s);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    // cpu  user nice system idle iowait irq softirq steal ...
    const QStringList f = QString::fromLatin1(file.readLine()).simplified().split(u' ');
    if (f.size() < 9)
        return 0;
    double busy = 0;
    for (int i : {1, 2, 3, 6, 7, 8})
        busy += f.at(i).toDouble();
    return busy / ticksPerSecond();
}

} // namespace

CpuMeter::CpuMeter(QString postmasterPidFile)
    : m_pidFile(std::move(postmasterPidFile))
{
}

double CpuMeter::serverSeconds() const
{
    QFile file(m_pidFile);
    if (m_pidFile.isEmpty() || !file.open(QIODevice::ReadOnly))
        return -1;
    const QString postmaster = QString::fromLatin1(file.readLine()).trimmed();
    // A child reaped while we walk /proc would move its CPU into the
    // postmaster's cutime behind our back (lost or counted twice): walk again
    // until the postmaster's own figures did not change and no child is a
    // zombie waiting to be reaped.
    for (int attempt = 0; attempt < 200; ++attempt) {
        const QStringList own = statFields(postmaster);
        if (own.size() < 15)
            return -1;
        double ticks = own.at(11).toDouble() + own.at(12).toDouble() + own.at(13).toDouble() + own.at(14).toDouble();
        bool zombie = false;
        for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QStringList f = pid.front().isDigit() ? statFields(pid) : QStringList();
            if (f.size() > 12 && f.at(1) == postmaster) {
                ticks += f.at(11).toDouble() + f.at(12).toDouble();
                zombie = zombie || f.at(0) == u"Z";
            }
        }
        if (!zombie && statFields(postmaster).mid(11, 4) == own.mid(11, 4))
            return ticks / ticksPerSecond();
        usleep(5000);
    }
    return -1;
}

CpuMeter::Sample CpuMeter::sample() const
{
    return Sample{serverSeconds(), rusageSeconds(RUSAGE_SELF), rusageSeconds(RUSAGE_CHILDREN), hostBusySeconds()};
}

double CpuMeter::selfSeconds()
{
    return rusageSeconds(RUSAGE_SELF);
}

CpuMeter::Usage CpuMeter::between(const Sample &before, const Sample &after, double wallSeconds)
{
    Usage usage;
    usage.server = (before.server < 0 || after.server < 0) ? -1 : after.server - before.server;
    usage.client = (after.self - before.self) + (after.children - before.children);
    usage.hostBusy = after.hostBusy - before.hostBusy;
    usage.wall = wallSeconds;
    return usage;
}

QString CpuMeter::Usage::perJob(double jobs) const
{
    if (jobs <= 0 || wall <= 0)
        return u"cpu: -"_s;
    const QString server = this->server < 0 ? u"?"_s : QString::number(this->server / jobs * 1e6, 'f', 1);
    const QString others = this->server < 0 ? u"?"_s : QString::number(qMax(0.0, other()) / wall, 'f', 2);
    return u"cpu/job: server %1 us, client %2 us; host busy %3 cores, other processes %4"_s
        .arg(server, QString::number(client / jobs * 1e6, 'f', 1), QString::number(hostBusy / wall, 'f', 2), others);
}

} // namespace QueueDesk::Bench
