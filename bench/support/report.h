#pragma once

#include "util/error.h"

#include <QList>
#include <QStringList>

namespace QueueDesk::Bench {

// What the benchmarks print: "==" headings and plain lines for people,
// RESULT lines in the peers' harness format (RESULT, system, config,
// enqueue jobs/s, process jobs/s, note; tab-separated) so that run-all.sh
// of bench-peers can take them through EXTRA_CMD, and Markdown tables.
class Report final
{
public:
    static void heading(const QString &text);
    static void line(const QString &text);
    static void result(const QString &config, const QString &enqueuePerSecond, const QString &processPerSecond,
                       const QString &note);
    static void table(const QStringList &header, const QList<QStringList> &rows);

    static QString number(double value);          // 12,345
    static QString ratio(double ours, double base);  // 0.83 (83%)
    static QString millis(double value);          // 1.234
};

} // namespace QueueDesk::Bench
