// queuedesk-worker stats: what each queue holds and how fast it moves.
#include "workercli.h"

#include "queue/statsstore.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace QueueDesk {

namespace {

QString countText(const Count &count)
{
    return (count.estimated ? u"~"_s : QString()) + QString::number(count.value);
}

QJsonObject countsJson(const QueueCounts &c, const QueueTimings &t, qint64 perMinute)
{
    auto count = [](const Count &v) { return QJsonObject{{u"value"_s, v.value}, {u"estimated"_s, v.estimated}}; };
    return {{u"queue"_s, c.queue}, {u"paused"_s, c.paused}, {u"delayed"_s, c.delayed}, {u"retrying"_s, c.retrying},
            {u"waiting"_s, c.waiting}, {u"active"_s, c.active}, {u"stalled"_s, c.stalled},
            {u"completed"_s, count(c.completed)}, {u"failed"_s, count(c.failed)}, {u"cancelled"_s, count(c.cancelled)},
            {u"completed_last_minute"_s, perMinute}, {u"runtime_avg_ms"_s, t.runtimeAvgMs},
            {u"runtime_p95_ms"_s, t.runtimeP95Ms}, {u"wait_avg_ms"_s, t.waitAvgMs}, {u"wait_p95_ms"_s, t.waitP95Ms}};
}

} // namespace

int WorkerCli::stats(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Jobs per queue and state, throughput and timings of the last hour. "
                                     u"Finished counts past 10,000 are estimated (marked ~) unless --exact."_s);
    parser.addOptions({
        {u"exact"_s, u"Count every finished job exactly (slow on big tables)."_s},
        {u"json"_s, u"Print JSON instead of a table."_s},
    });
    return withDatabase(parser, args, false, [this, &parser](QSqlDatabase &db, const ConnectionSettings &) {
        StatsStore store(db);
        auto counts = store.counts(parser.isSet(u"exact"_s) ? CountMode::Exact : CountMode::Estimated);
        if (!counts)
            return fail(counts.error());
        auto timings = store.timings();
        if (!timings)
            return fail(timings.error());
        auto throughput = store.throughput(2);
        if (!throughput)
            return fail(throughput.error());
        QHash<QString, QueueTimings> timingOf;
        for (const QueueTimings &t : timings.value())
            timingOf.insert(t.queue, t);
        QHash<QString, qint64> lastMinute;
        for (const QueueThroughput &q : throughput.value())
            // Oldest first; the last point is the minute still running.
            lastMinute.insert(q.queue, q.minutes.size() < 2 ? 0 : q.minutes.at(q.minutes.size() - 2).completed);
        QTextStream out(stdout);
        if (parser.isSet(u"json"_s)) {
            QJsonArray rows;
            for (const QueueCounts &c : counts.value())
                rows.append(countsJson(c, timingOf.value(c.queue), lastMinute.value(c.queue)));
            out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
            return int(ExitOk);
        }
        out << u"%1%2%3%4%5%6%7%8%9\n"_s.arg(u"queue"_s, -16).arg(u"waiting"_s, 10).arg(u"delayed"_s, 9)
                   .arg(u"retrying"_s, 9).arg(u"active"_s, 8).arg(u"completed"_s, 11).arg(u"failed"_s, 9)
                   .arg(u"run p95 ms"_s, 12).arg(u"  state"_s);
        for (const QueueCounts &c : counts.value()) {
            out << u"%1%2%3%4%5%6%7%8%9\n"_s.arg(c.queue, -16).arg(c.waiting, 10).arg(c.delayed, 9)
                       .arg(c.retrying, 9).arg(c.active, 8).arg(countText(c.completed), 11).arg(countText(c.failed), 9)
                       .arg(qRound64(timingOf.value(c.queue).runtimeP95Ms), 12)
                       .arg(c.paused ? u"  paused"_s : u"  running"_s);
        }
        return int(ExitOk);
    });
}

} // namespace QueueDesk
