// Opens every page of the console on a populated database in a real X
// window and saves a PNG of each: checked to be non-empty and of the
// window's size. Run under xvfb-run by CTest; the PNGs are CI artifacts and
// the README's pictures.
#include "db/database.h"
#include "main/mainwindow.h"
#include "queue/jobstore.h"
#include "store/refresher.h"
#include "testdatabase.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTextStream>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

void wait(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool populate(const ConnectionSettings &settings)
{
    QSqlDatabase db = TestDatabase::connect(settings, u"populate"_s);
    return Database::execScript(db, uR"(
        INSERT INTO queuedesk.queues (name, concurrency, per_store_limit, description) VALUES
            ('scrape', 8, 20, 'Scrape store pages'), ('enrich', NULL, NULL, 'Enrich businesses'),
            ('reports', 2, NULL, 'Nightly reports');
        INSERT INTO queuedesk.jobs (queue, type, store, payload)
            SELECT 'scrape', 'http', 'store-' || (g % 12), jsonb_build_object('url', 'https://example.com/p/' || g)
            FROM generate_series(1, 4000) g;
        INSERT INTO queuedesk.jobs (queue, type, state, attempts, started_at, finished_at, created_at)
            SELECT 'enrich', 'noop', 'completed', 1, now() - make_interval(secs => g % 3600) - interval '2 s',
                   now() - make_interval(secs => g % 3600), now() - make_interval(secs => g % 3600) - interval '5 s'
            FROM generate_series(1, 3000) g;
        INSERT INTO queuedesk.jobs (queue, type, state, attempts, finished_at, errors)
            SELECT 'enrich', 'http', 'failed', 5, now() - make_interval(secs => g * 30),
                   '[{"message": "HTTP 503 from upstream"}]' FROM generate_series(1, 60) g;
        INSERT INTO queuedesk.jobs (queue, type, state, attempts, locked_by, started_at, lease_until)
            SELECT 'reports', 'sleep', 'active', 1, 'box-a-1234-beef', now(), now() + interval '60 s'
            FROM generate_series(1, 2);
        INSERT INTO queuedesk.jobs (queue, type, state, run_at)
            SELECT 'reports', 'sleep', 'scheduled', now() + interval '1 hour' FROM generate_series(1, 5);
        INSERT INTO queuedesk.workers (id, host, pid, queues, concurrency, is_leader)
            VALUES ('box-a-1234-beef', 'box-a', 1234, '{scrape,enrich,reports}', 16, true),
                   ('box-b-777-cafe', 'box-b', 777, '{scrape}', 8, false);
    )"_s).ok();
}

QString fileNameFor(const QString &title)
{
    QString name = title.toLower();
    name.replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
    return name + u".png"_s;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const qsizetype o = args.indexOf(u"-o"_s);
    const QString dir = o >= 0 && o + 1 < args.size() ? args.at(o + 1) : u"screenshots"_s;
    QDir().mkpath(dir);

    auto settings = TestDatabase::create(u"qdtest_screenshots"_s);
    if (!settings || !populate(settings.value())) {
        out << "0 passed, 1 failed: no populated test database\n";
        return 1;
    }
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.openServer(settings.value(), u"Demo"_s, false);
    wait(4000);
    window.refresher()->refreshNow();
    wait(1500);

    int passed = 0;
    int failed = 0;
    QTabWidget *pages = window.pages();
    for (int i = 0; i < pages->count(); ++i) {
        pages->setCurrentIndex(i);
        wait(1200);
        const QImage shot = window.grab().toImage();
        const QString path = QDir(dir).filePath(fileNameFor(pages->tabText(i)));
        const bool sized = shot.size() == window.size() * window.devicePixelRatio();
        const bool saved = !shot.isNull() && shot.save(path);
        // "Non-empty": more than a few distinct colours, not a blank window.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height() && colours.size() < 16; y += 7)
            for (int x = 0; x < shot.width() && colours.size() < 16; x += 7)
                colours.insert(shot.pixel(x, y));
        const bool ok = sized && saved && colours.size() >= 8;
        out << (ok ? "ok   " : "FAIL ") << path << ' ' << shot.width() << 'x' << shot.height() << '\n';
        ok ? ++passed : ++failed;
    }
    out << passed << " passed, " << failed << " failed\n";
    return failed == 0 && passed > 0 ? 0 : 1;
}
