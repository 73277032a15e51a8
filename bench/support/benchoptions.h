#pragma once

#include "util/error.h"

#include <QCommandLineParser>
#include <QString>

namespace QueueDesk::Bench {

// The options every benchmark program shares: where the server is, how long
// to run, and the --quick smoke mode.
struct BenchOptions
{
    QString dataDir;          // our own throwaway cluster (fsync on)
    QString dsn;              // or an external server
    bool quick = false;       // small sizes and short runs, to check the programs work
    bool keepCluster = false; // leave our cluster running (run-all.sh shares one)
    double seconds = 0;       // per timed run; 0: the program's default

    static void addTo(QCommandLineParser &parser);
    static Result<BenchOptions> from(const QCommandLineParser &parser);
    // The per-run duration: --seconds, else quick or full default.
    double runSeconds(double full, double quickDefault) const;
    // A size that shrinks in quick mode.
    qint64 size(qint64 full, qint64 quickSize) const { return quick ? quickSize : full; }
};

} // namespace QueueDesk::Bench
