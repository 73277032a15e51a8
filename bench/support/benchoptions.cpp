#include "benchoptions.h"

#include <QDir>

namespace QueueDesk::Bench {

void BenchOptions::addTo(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOption({u"data-dir"_s, u"Throwaway cluster folder (default /tmp/queuedesk-bench)."_s, u"dir"_s});
    parser.addOption({u"dsn"_s, u"Use this server instead of a throwaway cluster."_s, u"dsn"_s});
    parser.addOption({u"quick"_s, u"Small sizes and short runs (a smoke run)."_s});
    parser.addOption({u"keep-cluster"_s, u"Leave the throwaway cluster running at exit."_s});
    parser.addOption({u"seconds"_s, u"Duration of each timed run."_s, u"s"_s});
}

Result<BenchOptions> BenchOptions::from(const QCommandLineParser &parser)
{
    BenchOptions options;
    options.dataDir = parser.isSet(u"data-dir"_s) ? parser.value(u"data-dir"_s) : u"/tmp/queuedesk-bench"_s;
    options.dataDir = QDir(options.dataDir).absolutePath();
    options.dsn = parser.value(u"dsn"_s);
    options.quick = parser.isSet(u"quick"_s);
    options.keepCluster = parser.isSet(u"keep-cluster"_s);
    if (parser.isSet(u"seconds"_s)) {
        bool ok = false;
        options.seconds = parser.value(u"seconds"_s).toDouble(&ok);
        if (!ok || options.seconds <= 0)
            return Error(Error::Code::InvalidArgument, u"--seconds needs a positive number."_s);
    }
    return options;
}

double BenchOptions::runSeconds(double full, double quickDefault) const
{
    if (seconds > 0)
        return seconds;
    return quick ? quickDefault : full;
}

} // namespace QueueDesk::Bench
