#include "engine/cron/cronexpression.h"

#include <QSet>
#include <QTest>

using namespace QueueDesk;

namespace {

QDateTime at(const QString &iso)
{
    const QDateTime result = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!result.isValid())
        qFatal("bad date in test table: %s", qPrintable(iso));
    return result;
}

// Fire times shown as wall clock with the zone's offset, so a failure reads
// like the schedule: "2026-03-08T03:00:00-04:00".
QString shown(const QDateTime &time, const QTimeZone &zone)
{
    if (zone.id() == "UTC")
        return time.toString(Qt::ISODate);
    return time.toTimeZone(zone).toString(Qt::ISODate);
}

QStringList fireTimes(const QString &expression, const QString &after, const QByteArray &zoneId, int count)
{
    auto cron = CronExpression::parse(expression);
    if (!cron)
        return {u"parse error: "_s + cron.error().message};
    const QTimeZone zone(zoneId);
    QStringList result;
    for (const QDateTime &time : cron->nextTimes(at(after), zone, count))
        result.append(shown(time, zone));
    return result;
}

} // namespace

class TestCron : public QObject
{
    Q_OBJECT

private slots:
    void fieldForms_data();
    void fieldForms();
    void daylightSaving_data();
    void daylightSaving();
    void countsOverADay_data();
    void countsOverADay();
    void errors_data();
    void errors();
    void describe_data();
    void describe();
    void returnsUtcAndKeepsTheExpression();
    void edgeArguments();
    void datesOnAWeekdayFireDecadesAhead();
    void everyMinuteForAWeekAcrossDaylightSaving();
};

void TestCron::fieldForms_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QStringList>("expected");

    const QString newYear = u"2026-01-01T00:00:00Z"_s;   // a Thursday
    auto row = [&](const char *name, const QString &expression, const QString &after, const QStringList &expected) {
        QTest::newRow(name) << expression << after << expected;
    };
    row("every minute", u"* * * * *"_s, newYear,
        {u"2026-01-01T00:01:00Z"_s, u"2026-01-01T00:02:00Z"_s, u"2026-01-01T00:03:00Z"_s});
    row("list", u"1,5,59 * * * *"_s, newYear,
        {u"2026-01-01T00:01:00Z"_s, u"2026-01-01T00:05:00Z"_s, u"2026-01-01T00:59:00Z"_s, u"2026-01-01T01:01:00Z"_s});
    row("range", u"10-12 * * * *"_s, newYear,
        {u"2026-01-01T00:10:00Z"_s, u"2026-01-01T00:11:00Z"_s, u"2026-01-01T00:12:00Z"_s, u"2026-01-01T01:10:00Z"_s});
    row("star step", u"*/15 * * * *"_s, newYear,
        {u"2026-01-01T00:15:00Z"_s, u"2026-01-01T00:30:00Z"_s, u"2026-01-01T00:45:00Z"_s, u"2026-01-01T01:00:00Z"_s});
    row("range step", u"1-30/5 * * * *"_s, newYear,
        {u"2026-01-01T00:01:00Z"_s, u"2026-01-01T00:06:00Z"_s, u"2026-01-01T00:11:00Z"_s, u"2026-01-01T00:16:00Z"_s,
         u"2026-01-01T00:21:00Z"_s, u"2026-01-01T00:26:00Z"_s, u"2026-01-01T01:01:00Z"_s});
    row("value step runs to the end", u"5/10 * * * *"_s, newYear,
        {u"2026-01-01T00:05:00Z"_s, u"2026-01-01T00:15:00Z"_s, u"2026-01-01T00:25:00Z"_s, u"2026-01-01T00:35:00Z"_s,
         u"2026-01-01T00:45:00Z"_s, u"2026-01-01T00:55:00Z"_s, u"2026-01-01T01:05:00Z"_s});
    row("mixed list", u"0 8-10,20/2 * * *"_s, newYear,
        {u"2026-01-01T08:00:00Z"_s, u"2026-01-01T09:00:00Z"_s, u"2026-01-01T10:00:00Z"_s, u"2026-01-01T20:00:00Z"_s,
         u"2026-01-01T22:00:00Z"_s, u"2026-01-02T08:00:00Z"_s});
    row("month names any case", u"0 0 1 jan,Jul *"_s, newYear,
        {u"2026-07-01T00:00:00Z"_s, u"2027-01-01T00:00:00Z"_s, u"2027-07-01T00:00:00Z"_s});
    row("month name range", u"0 12 15 MAR-MAY *"_s, newYear,
        {u"2026-03-15T12:00:00Z"_s, u"2026-04-15T12:00:00Z"_s, u"2026-05-15T12:00:00Z"_s, u"2027-03-15T12:00:00Z"_s});
    row("day name range", u"0 9 * * mon-FRI"_s, newYear,
        {u"2026-01-01T09:00:00Z"_s, u"2026-01-02T09:00:00Z"_s, u"2026-01-05T09:00:00Z"_s, u"2026-01-06T09:00:00Z"_s});
    const QStringList sundays{u"2026-01-04T00:00:00Z"_s, u"2026-01-11T00:00:00Z"_s, u"2026-01-18T00:00:00Z"_s};
    row("7 is Sunday", u"0 0 * * 7"_s, newYear, sundays);
    row("0 is Sunday", u"0 0 * * 0"_s, newYear, sundays);
    row("SUN", u"0 0 * * Sun"_s, newYear, sundays);
    row("range up to 7", u"0 0 * * 5-7"_s, newYear,
        {u"2026-01-02T00:00:00Z"_s, u"2026-01-03T00:00:00Z"_s, u"2026-01-04T00:00:00Z"_s, u"2026-01-09T00:00:00Z"_s});
    row("day of week step", u"0 0 * * */2"_s, newYear,
        {u"2026-01-03T00:00:00Z"_s, u"2026-01-04T00:00:00Z"_s, u"2026-01-06T00:00:00Z"_s, u"2026-01-08T00:00:00Z"_s});
    row("@yearly", u"@yearly"_s, newYear, {u"2027-01-01T00:00:00Z"_s, u"2028-01-01T00:00:00Z"_s});
    row("@annually", u"@annually"_s, newYear, {u"2027-01-01T00:00:00Z"_s, u"2028-01-01T00:00:00Z"_s});
    row("@monthly", u"@monthly"_s, newYear, {u"2026-02-01T00:00:00Z"_s, u"2026-03-01T00:00:00Z"_s});
    row("@weekly", u"@weekly"_s, newYear, {u"2026-01-04T00:00:00Z"_s, u"2026-01-11T00:00:00Z"_s});
    row("@daily", u"@daily"_s, newYear, {u"2026-01-02T00:00:00Z"_s, u"2026-01-03T00:00:00Z"_s});
    row("@midnight", u"@midnight"_s, newYear, {u"2026-01-02T00:00:00Z"_s, u"2026-01-03T00:00:00Z"_s});
    row("@hourly", u"@hourly"_s, newYear, {u"2026-01-01T01:00:00Z"_s, u"2026-01-01T02:00:00Z"_s});
    row("alias any case", u" @DAILY "_s, newYear, {u"2026-01-02T00:00:00Z"_s});
    // Both day fields restricted: the 13th OR a Friday (13 Jan 2026 is a Tuesday).
    row("day of month or day of week", u"0 0 13 * fri"_s, newYear,
        {u"2026-01-02T00:00:00Z"_s, u"2026-01-09T00:00:00Z"_s, u"2026-01-13T00:00:00Z"_s, u"2026-01-16T00:00:00Z"_s,
         u"2026-01-23T00:00:00Z"_s});
    // "*/2" starts with '*', so it counts as unrestricted: odd days AND Fridays.
    row("star step day of month and day of week", u"0 0 */2 * fri"_s, newYear,
        {u"2026-01-09T00:00:00Z"_s, u"2026-01-23T00:00:00Z"_s, u"2026-02-13T00:00:00Z"_s});
    row("day of month alone", u"0 0 13 * *"_s, newYear, {u"2026-01-13T00:00:00Z"_s, u"2026-02-13T00:00:00Z"_s});
    row("31st skips short months", u"0 0 31 * *"_s, newYear,
        {u"2026-01-31T00:00:00Z"_s, u"2026-03-31T00:00:00Z"_s, u"2026-05-31T00:00:00Z"_s, u"2026-07-31T00:00:00Z"_s,
         u"2026-08-31T00:00:00Z"_s});
    row("30th skips February", u"0 0 30 * *"_s, newYear, {u"2026-01-30T00:00:00Z"_s, u"2026-03-30T00:00:00Z"_s});
    row("leap day", u"0 0 29 2 *"_s, u"2025-01-01T00:00:00Z"_s,
        {u"2028-02-29T00:00:00Z"_s, u"2032-02-29T00:00:00Z"_s});
    row("leap day skips 2100", u"0 0 29 2 *"_s, u"2096-03-01T00:00:00Z"_s, {u"2104-02-29T00:00:00Z"_s});
    row("30 February never", u"0 0 30 2 *"_s, newYear, {});
    row("31 April, June, September, November never", u"0 0 31 4,6,9,11 *"_s, newYear, {});
    row("year end", u"59 23 31 12 *"_s, newYear, {u"2026-12-31T23:59:00Z"_s, u"2027-12-31T23:59:00Z"_s});
    row("strictly after", u"0 12 * * *"_s, u"2026-01-01T12:00:00Z"_s, {u"2026-01-02T12:00:00Z"_s});
    row("a millisecond before", u"0 12 * * *"_s, u"2026-01-01T11:59:59.999Z"_s, {u"2026-01-01T12:00:00Z"_s});
    row("a millisecond after", u"0 12 * * *"_s, u"2026-01-01T12:00:00.001Z"_s, {u"2026-01-02T12:00:00Z"_s});
    row("after given with an offset", u"0 * * * *"_s, u"2026-01-01T02:00:00+02:00"_s, {u"2026-01-01T01:00:00Z"_s});
    row("extra whitespace", u"  0\t12  * *   * "_s, newYear, {u"2026-01-01T12:00:00Z"_s});
}

void TestCron::fieldForms()
{
    QFETCH(QString, expression);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);
    const int count = expected.isEmpty() ? 1 : int(expected.size());
    QCOMPARE(fireTimes(expression, after, "UTC", count), expected);
}

void TestCron::daylightSaving_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char *name, const char *zone, const QString &expression, const QString &after,
                  const QStringList &expected) {
        QTest::newRow(name) << QByteArray(zone) << expression << after << expected;
    };
    // Athens springs forward on 2026-03-29: 03:00 EET (+02) becomes 04:00 EEST (+03).
    const char *athens = "Europe/Athens";
    const QString athensEve = u"2026-03-28T12:00:00+02:00"_s;
    row("Athens spring: fixed time in the gap fires at its end", athens, u"30 3 * * *"_s, athensEve,
        {u"2026-03-29T04:00:00+03:00"_s, u"2026-03-30T03:30:00+03:00"_s, u"2026-03-31T03:30:00+03:00"_s});
    row("Athens spring: two times in the gap fire once", athens, u"0,30 3 * * *"_s, athensEve,
        {u"2026-03-29T04:00:00+03:00"_s, u"2026-03-30T03:00:00+03:00"_s, u"2026-03-30T03:30:00+03:00"_s});
    row("Athens spring: gap time then a real one", athens, u"30 3,4 * * *"_s, athensEve,
        {u"2026-03-29T04:00:00+03:00"_s, u"2026-03-29T04:30:00+03:00"_s, u"2026-03-30T03:30:00+03:00"_s});
    row("Athens spring: time before the gap", athens, u"30 2 * * *"_s, athensEve,
        {u"2026-03-29T02:30:00+02:00"_s, u"2026-03-30T02:30:00+03:00"_s});
    row("Athens spring: fixed hour, every 15 minutes", athens, u"*/15 3 * * *"_s, athensEve,
        {u"2026-03-29T04:00:00+03:00"_s, u"2026-03-30T03:00:00+03:00"_s, u"2026-03-30T03:15:00+03:00"_s});
    row("Athens spring: every 15 minutes skips the gap", athens, u"*/15 * * * *"_s, u"2026-03-29T02:30:00+02:00"_s,
        {u"2026-03-29T02:45:00+02:00"_s, u"2026-03-29T04:00:00+03:00"_s, u"2026-03-29T04:15:00+03:00"_s});
    row("Athens spring: hourly skips the gap", athens, u"30 * * * *"_s, u"2026-03-29T01:45:00+02:00"_s,
        {u"2026-03-29T02:30:00+02:00"_s, u"2026-03-29T04:30:00+03:00"_s, u"2026-03-29T05:30:00+03:00"_s});
    row("Athens spring 2040 (rule-based transition)", athens, u"30 3 * * *"_s, u"2040-03-24T12:00:00+02:00"_s,
        {u"2040-03-25T04:00:00+03:00"_s, u"2040-03-26T03:30:00+03:00"_s});
    // Athens falls back on 2026-10-25: 04:00 EEST (+03) becomes 03:00 EET (+02); 03:xx happens twice.
    row("Athens fall: fixed time fires once", athens, u"30 3 * * *"_s, u"2026-10-24T12:00:00+03:00"_s,
        {u"2026-10-25T03:30:00+03:00"_s, u"2026-10-26T03:30:00+02:00"_s});
    row("Athens fall: not again after the first", athens, u"30 3 * * *"_s, u"2026-10-25T03:40:00+03:00"_s,
        {u"2026-10-26T03:30:00+02:00"_s});
    row("Athens fall: first occurrence still ahead", athens, u"45 3 * * *"_s, u"2026-10-25T03:40:00+03:00"_s,
        {u"2026-10-25T03:45:00+03:00"_s});
    row("Athens fall: asked during the repeat", athens, u"30 3 * * *"_s, u"2026-10-25T03:10:00+02:00"_s,
        {u"2026-10-26T03:30:00+02:00"_s});
    row("Athens fall: fixed hour, every 15 minutes", athens, u"*/15 3 * * *"_s, u"2026-10-25T02:00:00+03:00"_s,
        {u"2026-10-25T03:00:00+03:00"_s, u"2026-10-25T03:15:00+03:00"_s, u"2026-10-25T03:30:00+03:00"_s,
         u"2026-10-25T03:45:00+03:00"_s, u"2026-10-26T03:00:00+02:00"_s});
    row("Athens fall: every 15 minutes in both", athens, u"*/15 * * * *"_s, u"2026-10-25T02:50:00+03:00"_s,
        {u"2026-10-25T03:00:00+03:00"_s, u"2026-10-25T03:15:00+03:00"_s, u"2026-10-25T03:30:00+03:00"_s,
         u"2026-10-25T03:45:00+03:00"_s, u"2026-10-25T03:00:00+02:00"_s, u"2026-10-25T03:15:00+02:00"_s,
         u"2026-10-25T03:30:00+02:00"_s, u"2026-10-25T03:45:00+02:00"_s, u"2026-10-25T04:00:00+02:00"_s});
    row("Athens fall: every 15 minutes asked during the repeat", athens, u"*/15 * * * *"_s,
        u"2026-10-25T03:20:00+02:00"_s, {u"2026-10-25T03:30:00+02:00"_s, u"2026-10-25T03:45:00+02:00"_s});
    row("Athens fall: hourly in both", athens, u"0 * * * *"_s, u"2026-10-25T01:30:00+03:00"_s,
        {u"2026-10-25T02:00:00+03:00"_s, u"2026-10-25T03:00:00+03:00"_s, u"2026-10-25T03:00:00+02:00"_s,
         u"2026-10-25T04:00:00+02:00"_s});
    row("Athens fall: */3 hours is every-hour kind", athens, u"0 */3 * * *"_s, u"2026-10-25T01:00:00+03:00"_s,
        {u"2026-10-25T03:00:00+03:00"_s, u"2026-10-25T03:00:00+02:00"_s, u"2026-10-25T06:00:00+02:00"_s});

    // New York springs forward on 2026-03-08: 02:00 EST (-05) becomes 03:00 EDT (-04).
    const char *newYork = "America/New_York";
    const QString newYorkEve = u"2026-03-07T12:00:00-05:00"_s;
    row("New York spring: 02:30 fires at 03:00", newYork, u"30 2 * * *"_s, newYorkEve,
        {u"2026-03-08T03:00:00-04:00"_s, u"2026-03-09T02:30:00-04:00"_s});
    row("New York spring: 02:00 fires at 03:00", newYork, u"0 2 * * *"_s, newYorkEve,
        {u"2026-03-08T03:00:00-04:00"_s, u"2026-03-09T02:00:00-04:00"_s});
    row("New York spring: gap time then 03:30", newYork, u"30 2,3 * * *"_s, newYorkEve,
        {u"2026-03-08T03:00:00-04:00"_s, u"2026-03-08T03:30:00-04:00"_s, u"2026-03-09T02:30:00-04:00"_s});
    row("New York spring: asked at the gap's fire time", newYork, u"30 2,3 * * *"_s, u"2026-03-08T03:00:00-04:00"_s,
        {u"2026-03-08T03:30:00-04:00"_s});
    row("New York spring: fixed hour, every 30 minutes", newYork, u"*/30 2 * * *"_s, newYorkEve,
        {u"2026-03-08T03:00:00-04:00"_s, u"2026-03-09T02:00:00-04:00"_s, u"2026-03-09T02:30:00-04:00"_s});
    row("New York spring: every 15 minutes skips the gap", newYork, u"*/15 * * * *"_s, u"2026-03-08T01:30:00-05:00"_s,
        {u"2026-03-08T01:45:00-05:00"_s, u"2026-03-08T03:00:00-04:00"_s, u"2026-03-08T03:15:00-04:00"_s});
    row("New York spring: hourly skips the gap", newYork, u"0 * * * *"_s, u"2026-03-08T00:30:00-05:00"_s,
        {u"2026-03-08T01:00:00-05:00"_s, u"2026-03-08T03:00:00-04:00"_s, u"2026-03-08T04:00:00-04:00"_s});
    // New York falls back on 2026-11-01: 02:00 EDT (-04) becomes 01:00 EST (-05); 01:xx happens twice.
    const QString halloween = u"2026-10-31T12:00:00-04:00"_s;
    row("New York fall: 01:30 fires once", newYork, u"30 1 * * *"_s, halloween,
        {u"2026-11-01T01:30:00-04:00"_s, u"2026-11-02T01:30:00-05:00"_s});
    row("New York fall: asked during the repeat", newYork, u"30 1 * * *"_s, u"2026-11-01T01:10:00-05:00"_s,
        {u"2026-11-02T01:30:00-05:00"_s});
    row("New York fall: 02:00 once", newYork, u"0 2 * * *"_s, halloween,
        {u"2026-11-01T02:00:00-05:00"_s, u"2026-11-02T02:00:00-05:00"_s});
    row("New York fall: every 15 minutes in both", newYork, u"*/15 * * * *"_s, u"2026-11-01T00:50:00-04:00"_s,
        {u"2026-11-01T01:00:00-04:00"_s, u"2026-11-01T01:15:00-04:00"_s, u"2026-11-01T01:30:00-04:00"_s,
         u"2026-11-01T01:45:00-04:00"_s, u"2026-11-01T01:00:00-05:00"_s, u"2026-11-01T01:15:00-05:00"_s,
         u"2026-11-01T01:30:00-05:00"_s, u"2026-11-01T01:45:00-05:00"_s, u"2026-11-01T02:00:00-05:00"_s});
    // Asked late in the first 01:xx: the next real instant is the repeat's 01:00.
    row("New York fall: every 15 minutes from late in the first pass", newYork, u"*/15 * * * *"_s,
        u"2026-11-01T01:50:00-04:00"_s, {u"2026-11-01T01:00:00-05:00"_s, u"2026-11-01T01:15:00-05:00"_s});
    row("New York fall: hourly in both", newYork, u"0 * * * *"_s, u"2026-11-01T00:30:00-04:00"_s,
        {u"2026-11-01T01:00:00-04:00"_s, u"2026-11-01T01:00:00-05:00"_s, u"2026-11-01T02:00:00-05:00"_s});
    row("New York: 30 February never", newYork, u"0 0 30 2 *"_s, newYorkEve, {});
}

void TestCron::daylightSaving()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, expression);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);
    QVERIFY(QTimeZone(zone).isValid());
    const int count = expected.isEmpty() ? 1 : int(expected.size());
    QCOMPARE(fireTimes(expression, after, zone, count), expected);
}

void TestCron::countsOverADay_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("from");   // inclusive
    QTest::addColumn<QString>("until");  // exclusive
    QTest::addColumn<int>("count");

    // A local calendar day is 23 real hours on the spring day and 25 on the
    // fall day; every minute is a real instant, so any 24 real hours hold 1440.
    auto row = [](const char *name, const char *zone, const char *expression, const char *from, const char *until,
                  int count) {
        QTest::newRow(name) << QByteArray(zone) << QString::fromLatin1(expression) << QString::fromLatin1(from)
                            << QString::fromLatin1(until) << count;
    };
    const char *ny = "America/New_York";
    const char *athens = "Europe/Athens";
    row("UTC day, */1", "UTC", "*/1 * * * *", "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z", 1440);
    row("UTC 24 h from noon", "UTC", "*/1 * * * *", "2026-06-01T12:00:00Z", "2026-06-02T12:00:00Z", 1440);
    row("NY spring local day", ny, "* * * * *", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 1380);
    row("NY fall local day", ny, "* * * * *", "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 1500);
    row("NY spring 24 real hours", ny, "* * * * *", "2026-03-08T00:00:00-05:00", "2026-03-09T01:00:00-04:00", 1440);
    row("NY fall 24 real hours", ny, "* * * * *", "2026-11-01T00:00:00-04:00", "2026-11-01T23:00:00-05:00", 1440);
    row("Athens spring local day", athens, "* * * * *", "2026-03-29T00:00:00+02:00", "2026-03-30T00:00:00+03:00",
        1380);
    row("Athens fall local day", athens, "* * * * *", "2026-10-25T00:00:00+03:00", "2026-10-26T00:00:00+02:00", 1500);
    row("NY spring */15", ny, "*/15 * * * *", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 92);
    row("NY fall */15", ny, "*/15 * * * *", "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 100);
    row("NY spring hourly", ny, "0 * * * *", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 23);
    row("NY fall hourly", ny, "0 * * * *", "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 25);
    row("NY spring 02:30", ny, "30 2 * * *", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 1);
    row("NY fall 01:30", ny, "30 1 * * *", "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 1);
    row("NY fall fixed hour every minute", ny, "* 1 * * *", "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00",
        60);
    row("NY spring fixed hour every minute", ny, "* 2 * * *", "2026-03-08T00:00:00-05:00",
        "2026-03-09T00:00:00-04:00", 1);
}

void TestCron::countsOverADay()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, expression);
    QFETCH(QString, from);
    QFETCH(QString, until);
    QFETCH(int, count);
    const auto cron = CronExpression::parse(expression);
    QVERIFY(cron.ok());
    const QTimeZone tz(zone);
    const QDateTime end = at(until);
    QSet<qint64> seen;
    QDateTime previous = at(from).addMSecs(-1);
    for (QDateTime time = cron->next(previous, tz); time < end; time = cron->next(time, tz)) {
        QVERIFY(time.isValid());
        QVERIFY2(time > previous, qPrintable(shown(time, tz)));
        QCOMPARE(time.time().second(), 0);
        seen.insert(time.toSecsSinceEpoch());
        previous = time;
    }
    QCOMPARE(seen.size(), count);
}

void TestCron::errors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    const QString aliases = u"@yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"_s;
    const QList<std::pair<QString, QString>> rows{
        {u""_s, u"Expected 5 fields (minute hour day month weekday), got 0."_s},
        {u"* * * *"_s, u"Expected 5 fields (minute hour day month weekday), got 4."_s},
        {u"0 0 0 * * *"_s,
         u"Expected 5 fields (minute hour day month weekday), got 6. Seconds and years are not supported."_s},
        {u"60 * * * *"_s, u"Field 1 (minute): 60 is out of range 0-59."_s},
        {u"99999999999 * * * *"_s, u"Field 1 (minute): 99999999999 is out of range 0-59."_s},
        {u"* 24 * * *"_s, u"Field 2 (hour): 24 is out of range 0-23."_s},
        {u"* * 0 * *"_s, u"Field 3 (day of month): 0 is out of range 1-31."_s},
        {u"* * 32 * *"_s, u"Field 3 (day of month): 32 is out of range 1-31."_s},
        {u"* * * 0 *"_s, u"Field 4 (month): 0 is out of range 1-12."_s},
        {u"* * * 13 *"_s, u"Field 4 (month): 13 is out of range 1-12."_s},
        {u"* * * * 8"_s, u"Field 5 (day of week): 8 is out of range 0-7."_s},
        {u"* * * FOO *"_s, u"Field 4 (month): \"FOO\" is not a month name."_s},
        {u"* * * MON *"_s, u"Field 4 (month): \"MON\" is not a month name."_s},
        {u"* * * * FUNDAY"_s, u"Field 5 (day of week): \"FUNDAY\" is not a day name."_s},
        {u"* * * * JAN"_s, u"Field 5 (day of week): \"JAN\" is not a day name."_s},
        {u"* * * * MON-FUNDAY"_s, u"Field 5 (day of week): \"FUNDAY\" is not a day name."_s},
        {u"x * * * *"_s, u"Field 1 (minute): \"x\" is not a number."_s},
        {u"1.5 * * * *"_s, u"Field 1 (minute): \"1.5\" is not a number."_s},
        {u"? * * * *"_s, u"Field 1 (minute): \"?\" is not a number."_s},
        {u"* * MON * *"_s, u"Field 3 (day of month): \"MON\" is not a number."_s},
        {u"*/0 * * * *"_s, u"Field 1 (minute): the step in \"*/0\" must be from 1 to 59."_s},
        {u"* */24 * * *"_s, u"Field 2 (hour): the step in \"*/24\" must be from 1 to 23."_s},
        {u"*/ * * * *"_s, u"Field 1 (minute): \"*/\" has no step after \"/\"."_s},
        {u"*/x * * * *"_s, u"Field 1 (minute): the step in \"*/x\" is not a number."_s},
        {u"1/2/3 * * * *"_s, u"Field 1 (minute): the step in \"1/2/3\" is not a number."_s},
        {u"30-10 * * * *"_s, u"Field 1 (minute): the range \"30-10\" goes backwards; split it, e.g. 30-59,0-10."_s},
        {u"* 22-2 * * *"_s, u"Field 2 (hour): the range \"22-2\" goes backwards; split it, e.g. 22-23,0-2."_s},
        {u"1-2-3 * * * *"_s, u"Field 1 (minute): \"1-2-3\" is not a range; write it as first-last, e.g. 1-5."_s},
        {u"-5 * * * *"_s, u"Field 1 (minute): \"-5\" is not a range; write it as first-last, e.g. 1-5."_s},
        {u"1,,2 * * * *"_s, u"Field 1 (minute): \"1,,2\" has an empty item in its list."_s},
        {u"* 1, * * *"_s, u"Field 2 (hour): \"1,\" has an empty item in its list."_s},
        {u"@reboot"_s, u"@reboot is not supported: a schedule needs a time. Use 5 fields or one of "_s + aliases + u'.'},
        {u"@often"_s, u"Unknown alias \"@often\": use 5 fields or one of "_s + aliases + u'.'},
    };
    for (const auto &[expression, message] : rows)
        QTest::newRow(qPrintable(expression.isEmpty() ? u"(empty)"_s : expression)) << expression << message;
}

void TestCron::errors()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    const auto cron = CronExpression::parse(expression);
    QVERIFY(!cron.ok());
    QCOMPARE(cron.error().code, Error::Code::InvalidArgument);
    QCOMPARE(cron.error().message, message);
}

void TestCron::describe_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("text");

    const QList<std::pair<QString, QString>> rows{
        {u"* * * * *"_s, u"every minute"_s},
        {u"*/15 * * * *"_s, u"every 15 minutes"_s},
        {u"*/7 * * * *"_s, u"every hour at minutes 0, 7, 14, 21, 28, 35, 42, 49 and 56"_s},
        {u"1-30/5 * * * *"_s, u"every hour at minutes 1, 6, 11, 16, 21 and 26"_s},
        {u"0 * * * *"_s, u"every hour"_s},
        {u"@hourly"_s, u"every hour"_s},
        {u"30 * * * *"_s, u"every hour at :30"_s},
        {u"0 3 * * *"_s, u"at 03:00 every day"_s},
        {u"@daily"_s, u"at 00:00 every day"_s},
        {u"30 9,17 * * *"_s, u"at 09:30 and 17:30 every day"_s},
        {u"0 9 * * 1-5"_s, u"at 09:00 on Monday to Friday"_s},
        {u"0 9 * * sat,sun"_s, u"at 09:00 on Saturday and Sunday"_s},
        {u"5 4 * * sun"_s, u"at 04:05 on Sunday"_s},
        {u"@weekly"_s, u"at 00:00 on Sunday"_s},
        {u"@monthly"_s, u"at 00:00 on day 1 of the month"_s},
        {u"@yearly"_s, u"at 00:00 on 1 January"_s},
        {u"0 */2 * * *"_s, u"every 2 hours"_s},
        {u"15 */4 * * *"_s, u"every 4 hours at :15"_s},
        {u"15 */6 * * *"_s, u"at 00:15, 06:15, 12:15 and 18:15 every day"_s},
        {u"*/10 9-17 * * 1-5"_s, u"every 10 minutes from 09:00 to 17:50 on Monday to Friday"_s},
        {u"* 2 * * *"_s, u"every minute from 02:00 to 02:59"_s},
        {u"0 0 13 * 5"_s, u"at 00:00 on day 13 of the month and on Friday"_s},
        {u"0 0 1,15 * *"_s, u"at 00:00 on days 1 and 15 of the month"_s},
        {u"0 0 1-7 * MON"_s, u"at 00:00 on days 1 to 7 of the month and on Monday"_s},
        {u"0 12 * 12 *"_s, u"at 12:00 every day in December"_s},
        {u"0 0 * 1-3 *"_s, u"at 00:00 every day in January to March"_s},
        {u"*/5 * * 7 *"_s, u"every 5 minutes in July"_s},
    };
    for (const auto &[expression, text] : rows)
        QTest::newRow(qPrintable(expression)) << expression << text;
}

void TestCron::describe()
{
    QFETCH(QString, expression);
    QFETCH(QString, text);
    const auto cron = CronExpression::parse(expression);
    QVERIFY2(cron.ok(), qPrintable(cron.error().message));
    QCOMPARE(cron->describe(), text);
}

void TestCron::returnsUtcAndKeepsTheExpression()
{
    const auto cron = CronExpression::parse(u"  30 2 * * *"_s);
    QVERIFY(cron.ok());
    QCOMPARE(cron->expression(), u"  30 2 * * *"_s);
    const QDateTime time = cron->next(at(u"2026-06-01T00:00:00+03:00"_s), QTimeZone("Europe/Athens"));
    QCOMPARE(time.timeSpec(), Qt::UTC);
    QCOMPARE(time, at(u"2026-06-01T02:30:00+03:00"_s));
}

void TestCron::edgeArguments()
{
    const auto cron = CronExpression::parse(u"* * * * *"_s);
    QVERIFY(cron.ok());
    const QTimeZone utc("UTC");
    const QDateTime after = at(u"2026-01-01T00:00:00Z"_s);
    QVERIFY(cron->nextTimes(after, utc, 0).isEmpty());
    QVERIFY(cron->nextTimes(after, utc, -3).isEmpty());
    QVERIFY(!cron->next(QDateTime(), utc).isValid());
    QVERIFY(!cron->next(after, QTimeZone("Not/AZone")).isValid());
    // A fixed-offset zone has no transitions at all.
    const auto noon = CronExpression::parse(u"0 12 * * *"_s);
    QVERIFY(noon.ok());
    QCOMPARE(noon->next(after, QTimeZone(3600)), at(u"2026-01-01T11:00:00Z"_s));
    QCOMPARE(noon->next(after, QTimeZone::utc()), at(u"2026-01-01T12:00:00Z"_s));
}

void TestCron::datesOnAWeekdayFireDecadesAhead()
{
    const QTimeZone utc("UTC");
    const QTimeZone berlin("Europe/Berlin");
    // Christmas on a Sunday: after 2051 the next is 2061 (the search used
    // to give up after 8 years and call the schedule "never fires").
    const auto christmasSunday = CronExpression::parse(u"0 0 25 12 */7"_s);
    QVERIFY(christmasSunday.ok());
    QCOMPARE(christmasSunday->next(at(u"2051-01-01T00:00:00Z"_s), utc), at(u"2061-12-25T00:00:00Z"_s));
    QCOMPARE(christmasSunday->next(at(u"2051-01-01T00:00:00Z"_s), berlin), at(u"2061-12-24T23:00:00Z"_s));
    // Feb 29 on a Sunday: 2004, 2032, 2060 ... 2088, then 2128 (2100 is no
    // leap year): a 40-year wait.
    const auto leapSunday = CronExpression::parse(u"0 0 29 2 */7"_s);
    QVERIFY(leapSunday.ok());
    QCOMPARE(leapSunday->next(at(u"2088-03-01T00:00:00Z"_s), utc), at(u"2128-02-29T00:00:00Z"_s));
    // Still none for a date that does not exist, in a zone with transitions.
    const auto never = CronExpression::parse(u"0 0 30 2 *"_s);
    QVERIFY(never.ok());
    QVERIFY(!never->next(at(u"2026-01-01T00:00:00Z"_s), berlin).isValid());
}

void TestCron::everyMinuteForAWeekAcrossDaylightSaving()
{
    // Every real minute, no more and no fewer, through both New York changes.
    const auto cron = CronExpression::parse(u"* * * * *"_s);
    QVERIFY(cron.ok());
    const QTimeZone zone("America/New_York");
    for (const QString &start : {u"2026-03-05T00:00:00-05:00"_s, u"2026-10-29T00:00:00-04:00"_s}) {
        const QList<QDateTime> times = cron->nextTimes(at(start), zone, 7 * 1440);
        QCOMPARE(times.size(), 7 * 1440);
        QCOMPARE(times.first(), at(start).addSecs(60));
        for (qsizetype i = 1; i < times.size(); ++i) {
            if (times.at(i - 1).secsTo(times.at(i)) != 60)
                QFAIL(qPrintable(u"gap after %1"_s.arg(shown(times.at(i - 1), zone))));
        }
    }
}

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
