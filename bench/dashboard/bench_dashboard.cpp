// Dashboard: with 10,000,000 jobs in the table (1,000,000 waiting over 1,000
// stores), the SQL time of one dashboard refresh (loadSnapshot plus the
// dashboard's own reading; target <= 50 ms) with EXPLAIN (ANALYZE, BUFFERS)
// of each statement saved to a file, and the longest GUI event-loop stall
// during a minute of live refresh of the real main window (target <= 16 ms).
#include "benchoptions.h"
#include "benchserver.h"
#include "dashboard/dashboardhistory.h"
#include "dashboard/dashboardpage.h"
#include "dashboard/historybatch.h"
#include "dashboarddataset.h"
#include "main/mainwindow.h"
#include "must.h"
#include "plancapture.h"
#include "refreshtiming.h"
#include "report.h"
#include "stallmeter.h"
#include "timedapplication.h"
#include "store/refresher.h"
#include "store/snapshot.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QThread>
#include <QTimer>
#include <QtConcurrent>

using namespace QueueDesk;
using namespace QueueDesk::Bench;

namespace {

constexpr double RefreshTargetMs = 50;
constexpr double StallTargetMs = 16;

struct Settings
{
    qint64 jobs = 0;
    bool reuse = false;
    int refreshes = 0;
    double guiSeconds = 0;
    bool gui = true;
    bool sampler = true;
    QString plansFile;
    QString screenshot;
};

QString ms(double value)
{
    return Report::millis(value);
}

// Stalls on a shared machine are partly other processes' doing: say how busy it was.
QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown"_s;
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

void reportRefreshes(RefreshTiming &timing, DashboardDataset &dataset, int count)
{
    using Source = RefreshTiming::StoreSource;
    Report::heading(u"one dashboard refresh's SQL (loadSnapshot + DashboardReading::load), %1 runs each"_s.arg(count));
    must(dataset.freshSample(), "write a fresh metrics sample");
    QList<QStringList> rows;
    for (const auto &[label, source] : QList<std::pair<QString, Source>>{
             {u"stores from the engine's sample (a usual tick)"_s, Source::SampleOnly},
             {u"stores counted live (queue just chosen, or no engine)"_s, Source::Live}}) {
        const auto f = RefreshTiming::summarise(timing.refreshes(count, source));
        rows.append({label, ms(f.min), ms(f.median), ms(f.p95), ms(f.max)});
        Report::result(u"dashboard: refresh SQL, %1"_s.arg(label), u"-"_s, u"-"_s,
                       u"median %1 ms, p95 %2 ms, max %3 ms (target <= %4 ms: %5)"_s
                           .arg(ms(f.median), ms(f.p95), ms(f.max)).arg(RefreshTargetMs)
                           .arg(f.median <= RefreshTargetMs ? u"met"_s : u"MISSED"_s));
    }
    Report::table({u"refresh"_s, u"min ms"_s, u"median ms"_s, u"p95 ms"_s, u"max ms"_s}, rows);

    rows.clear();
    for (const RefreshTiming::Part &part : timing.parts(count)) {
        const auto f = RefreshTiming::summarise(part.ms);
        rows.append({part.name, ms(f.min), ms(f.median), ms(f.p95), ms(f.max)});
        Report::result(u"dashboard: %1"_s.arg(part.name), u"-"_s, u"-"_s,
                       u"median %1 ms, max %2 ms"_s.arg(ms(f.median), ms(f.max)));
    }
    Report::heading(u"each call of a refresh on its own"_s);
    Report::table({u"call"_s, u"min ms"_s, u"median ms"_s, u"p95 ms"_s, u"max ms"_s}, rows);
}

void reportHistory(QSqlDatabase &db)
{
    Report::heading(u"metrics history read on open (HistoryBatch::load, every queue)"_s);
    QList<QStringList> rows;
    for (const auto &[label, seconds] : QList<std::pair<QString, qint64>>{{u"24 h"_s, 86400}, {u"7 d"_s, 7 * 86400}}) {
        QElapsedTimer timer;
        timer.start();
        const HistoryBatch batch = HistoryBatch::load(db, QDateTime::currentDateTime().addSecs(-seconds));
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        if (batch.error.isError())
            abortBench("load the history", batch.error);
        // What the GUI thread then does with it: merge the rings into the
        // live ones (which hold a few refreshes by then).
        DashboardHistory live;
        Snapshot snapshot = loadSnapshot(db);
        live.addSnapshot(snapshot);
        QElapsedTimer apply;
        apply.start();
        live.merge(batch.history);
        const double applied = double(apply.nsecsElapsed()) / 1e6;
        rows.append({label, Report::number(double(batch.points)), ms(elapsed), ms(applied)});
        Report::result(u"dashboard: history %1"_s.arg(label), u"-"_s, u"-"_s,
                       u"%1 rows read into rings in %2 ms, merged on the GUI thread in %3 ms"_s.arg(batch.points)
                           .arg(ms(elapsed), ms(applied)));
    }
    Report::table({u"span"_s, u"rows"_s, u"read ms (store thread)"_s, u"merge ms (GUI thread)"_s}, rows);
}

void savePlans(QSqlDatabase &db, RefreshTiming &timing, const QString &file)
{
    PlanCapture capture(db);
    if (Status started = capture.start(); !started) {
        Report::line(u"no plans: %1"_s.arg(started.error().toString()));
        return;
    }
    timing.refreshOnce(RefreshTiming::StoreSource::Live);
    const int refreshStatements = int(capture.plans().size());
    (void)HistoryBatch::load(db, QDateTime::currentDateTime().addSecs(-86400));
    capture.stop();
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        abortBench("write the plans", Error(Error::Code::InvalidArgument, out.errorString(), file));
    QStringList sections;
    for (int i = 0; i < capture.plans().size(); ++i) {
        const QString what = i < refreshStatements ? u"refresh statement %1"_s.arg(i + 1)
                                                   : u"history on open, statement %1"_s.arg(i - refreshStatements + 1);
        sections.append(u"==== %1 ====\n%2\n"_s.arg(what, capture.plans().at(i)));
    }
    out.write(sections.join(u"\n"_s).toUtf8());
    Report::line(u"EXPLAIN (ANALYZE, BUFFERS) of %1 refresh statements and %2 history statements: %3"_s
                     .arg(refreshStatements).arg(capture.plans().size() - refreshStatements).arg(file));
}

void sqlPhase(BenchServer &server, DashboardDataset &dataset, const Settings &settings)
{
    ScopedConnection conn;
    ConnectionSettings app = server.settings(dataset.database());
    app.applicationName = u"queuedesk"_s;
    must(conn.open(app, u"bench-dashboard-sql"_s), "connect");
    RefreshTiming timing(conn.db(), DashboardDataset::busiestQueue());
    for (int i = 0; i < 3; ++i)
        timing.refreshOnce(RefreshTiming::StoreSource::Live);   // warm the caches the app would have warm too
    reportRefreshes(timing, dataset, settings.refreshes);
    reportHistory(conn.db());
    savePlans(conn.db(), timing, settings.plansFile);
}

QString stallLine(const StallMeter::Outcome &o)
{
    QStringList worst;
    for (double gap : o.worstGapsMs)
        worst.append(ms(gap));
    return u"max gap %1 ms, p99 %2 ms, p99.9 %3 ms, %4 gaps over 16 ms in %5 ticks over %6 s; worst: %7; "
           u"GUI thread CPU %8 ms"_s
        .arg(ms(o.maxGapMs), ms(o.p99GapMs), ms(o.p999GapMs)).arg(o.over16Ms).arg(o.ticks)
        .arg(o.seconds, 0, 'f', 1).arg(worst.join(u", "_s), ms(o.cpuMs));
}

void reportSlowEvents(const TimedApplication &app, const QString &when)
{
    QStringList lines;
    for (const auto &event : app.slowest(6))
        lines.append(u"%1 ms (CPU %2 ms) %3"_s.arg(ms(event.ms), ms(event.cpuMs), event.what));
    Report::line(u"  slowest events %1: %2"_s.arg(when, lines.isEmpty() ? u"none over 2 ms"_s : lines.join(u"; "_s)));
    lines.clear();
    for (const auto &total : app.busiest(6))
        lines.append(u"%1 ms in %2 x %3"_s.arg(ms(total.cpuMs)).arg(total.count).arg(total.what));
    Report::line(u"  GUI-thread CPU by event %1: %2"_s.arg(when, lines.join(u"; "_s)));
}

// Writes a fresh metrics sample every 10 s off the GUI thread, as the
// scheduler leader of a running engine would.
class Sampler final
{
public:
    explicit Sampler(DashboardDataset &dataset)
    {
        m_timer.setInterval(10000);
        QObject::connect(&m_timer, &QTimer::timeout, [this, &dataset] {
            m_last.waitForFinished();
            m_last = QtConcurrent::run([&dataset] { must(dataset.freshSample(), "write a metrics sample"); });
        });
        m_timer.start();
    }
    ~Sampler() { m_last.waitForFinished(); }

private:
    QTimer m_timer;
    QFuture<void> m_last;
};

// Measures the event loop for `seconds` with every GUI-thread event timed.
StallMeter::Outcome timedMeasure(StallMeter &meter, double seconds, const QString &when)
{
    auto *app = static_cast<TimedApplication *>(QCoreApplication::instance());
    app->setRecording(true);
    const auto outcome = meter.measure(seconds);
    app->setRecording(false);
    Report::line(u"%1: %2"_s.arg(when, stallLine(outcome)));
    reportSlowEvents(*app, when);
    return outcome;
}

// The real main window on the dataset: opening, then live refresh.
void windowRun(StallMeter &meter, BenchServer &server, DashboardDataset &dataset, const Settings &settings)
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QList<double> sqlMs;
    QObject::connect(window.refresher(), &Refresher::refreshed, &window,
                     [&sqlMs](const Snapshot &s) { sqlMs.append(double(s.sqlMs)); });
    window.openServer(server.settings(dataset.database()), u"bench"_s, false);
    // Opening: connect, schema check, the first refresh and 24 h of history.
    const auto opening = timedMeasure(meter, 10, u"opening (first 10 s)"_s);
    const auto *page = window.findChild<DashboardPage *>();
    Report::line(u"  history %1"_s.arg(page && page->historySince().isValid() ? u"loaded"_s : u"NOT loaded"_s));
    sqlMs.clear();
    const auto live = timedMeasure(meter, settings.guiSeconds,
                                   u"live refresh every %1 ms"_s.arg(window.refresher()->interval()));
    const auto sql = RefreshTiming::summarise(sqlMs);
    Report::line(u"  %1 refreshes, SQL per refresh: median %2 ms, max %3 ms; load average after: %4"_s
                     .arg(sqlMs.size()).arg(ms(sql.median), ms(sql.max), loadAverage()));
    Report::result(u"dashboard: GUI stall, live"_s, u"-"_s, u"-"_s,
                   u"%1 (target <= %2 ms: %3)"_s.arg(stallLine(live)).arg(StallTargetMs)
                       .arg(live.maxGapMs <= StallTargetMs ? u"met"_s : u"MISSED"_s));
    Report::result(u"dashboard: GUI stall, opening"_s, u"-"_s, u"-"_s, stallLine(opening));
    if (!settings.screenshot.isEmpty() && window.grab().save(settings.screenshot))
        Report::line(u"screenshot of the window: %1"_s.arg(settings.screenshot));
}

void guiPhase(BenchServer &server, DashboardDataset &dataset, const Settings &settings)
{
    Report::heading(u"GUI event loop: a 1 ms timer on the GUI thread, gaps between its ticks"_s);
    Report::line(u"load average (1, 5, 15 min): %1 on %2 cores"_s.arg(loadAverage()).arg(QThread::idealThreadCount()));
    StallMeter meter;
    const auto idle = meter.measure(5);
    Report::line(u"idle event loop, no window (the machine's floor): %1"_s.arg(stallLine(idle)));
    Report::result(u"dashboard: GUI stall, idle floor"_s, u"-"_s, u"-"_s, stallLine(idle));
    std::unique_ptr<Sampler> sampler;
    if (settings.sampler) {
        must(dataset.freshSample(), "write a metrics sample");
        sampler = std::make_unique<Sampler>(dataset);
    }
    Report::line(settings.sampler ? u"a metrics sample every 10 s (as a scheduler leader writes them)"_s
                                  : u"no metrics samples: the store chart counts live (throttled)"_s);
    windowRun(meter, server, dataset, settings);
}

Settings settingsFrom(const QCommandLineParser &parser, const BenchOptions &options)
{
    Settings s;
    s.jobs = parser.isSet(u"jobs"_s) ? parser.value(u"jobs"_s).toLongLong() : options.size(10000000, 1000000);
    s.reuse = parser.isSet(u"reuse"_s);
    s.refreshes = parser.isSet(u"refreshes"_s) ? parser.value(u"refreshes"_s).toInt() : int(options.size(30, 10));
    s.guiSeconds = options.runSeconds(60, 10);
    s.gui = !parser.isSet(u"no-gui"_s);
    s.sampler = !parser.isSet(u"no-sampler"_s);
    s.screenshot = parser.value(u"screenshot"_s);
    s.plansFile = parser.isSet(u"plans"_s) ? parser.value(u"plans"_s) : u"/tmp/queuedesk-dashboard-plans.txt"_s;
    if (s.jobs < 10000 || s.refreshes < 1)
        abortBench("read the options", Error(Error::Code::InvalidArgument, u"--jobs >= 10000, --refreshes >= 1"_s));
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    // The window is real but needs no screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Dashboard refresh SQL time and GUI stalls against a big jobs table."_s);
    BenchOptions::addTo(parser);
    parser.addOption({u"jobs"_s, u"Jobs in the table (default 10,000,000; --quick 1,000,000)."_s, u"n"_s});
    parser.addOption({u"reuse"_s, u"Keep the dataset of an earlier run with the same --jobs."_s});
    parser.addOption({u"refreshes"_s, u"Timed refreshes (default 30; --quick 10)."_s, u"n"_s});
    parser.addOption({u"no-gui"_s, u"Skip the GUI stall run."_s});
    parser.addOption({u"no-sampler"_s, u"No metrics samples during the GUI run (no engine running)."_s});
    parser.addOption({u"screenshot"_s, u"Save a PNG of the window after the live run."_s, u"file"_s});
    parser.addOption({u"plans"_s, u"Where to write the EXPLAIN output."_s, u"file"_s});
    parser.process(app);
    BenchOptions options = must(BenchOptions::from(parser), "read the options");
    if (!parser.isSet(u"data-dir"_s))
        options.dataDir = u"/tmp/queuedesk-bench-dashboard"_s;   // its dataset outlives the run for --reuse
    const Settings settings = settingsFrom(parser, options);

    auto server = must(BenchServer::start(options), "start the server");
    Report::heading(u"bench_dashboard on %1"_s.arg(server->describe()));
    DashboardDataset dataset(*server, u"qdbench_dashboard_%1"_s.arg(settings.jobs), settings.jobs);
    QElapsedTimer prepare;
    prepare.start();
    must(dataset.prepare(settings.reuse), "prepare the dataset");
    Report::line(u"dataset ready in %1 s"_s.arg(prepare.elapsed() / 1000.0, 0, 'f', 1));
    sqlPhase(*server, dataset, settings);
    if (settings.gui)
        guiPhase(*server, dataset, settings);
    return 0;
}
