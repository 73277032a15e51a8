#pragma once

#include "engine/cron/cronfield.h"
#include "util/error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace QueueDesk {

// A standard (Vixie) 5-field cron schedule and the times it fires.
//
// Fields: minute hour day-of-month month day-of-week; lists (1,5), ranges
// (1-5), steps (*/15, 1-30/5, and 5/10 meaning 5-max/10), month names JAN-DEC
// and day names SUN-SAT (case-insensitive), 0 and 7 both Sunday; aliases
// @yearly (@annually) @monthly @weekly @daily (@midnight) @hourly.
//
// Days: when both day-of-month and day-of-week are restricted (neither starts
// with '*'), a day matches if EITHER matches, otherwise both must; so
// "0 0 13 * FRI" is every 13th and every Friday, "0 0 */2 * FRI" is odd
// days that are Fridays.
//
// Fields are wall-clock time in the zone given to next(). Around daylight
// saving changes the schedule keeps its intent the way cronie does:
// - Fixed-hour schedules (the hour field neither starts with '*' nor covers
//   all 24 hours, e.g. "30 2 * * *", "*/10 2 * * *") are about a time of day,
//   so they are neither lost nor doubled:
//   * a time skipped by a spring-forward gap fires once, at the first instant
//     after the gap (02:30 in New York on 2026-03-08 fires at 03:00 EDT);
//     several skipped times fire together once;
//   * a time that occurs twice in a fall-back overlap fires only at its first
//     occurrence.
// - Every-hour schedules (the hour field is '*', '*/N' or covers all 24
//   hours, e.g. "*/15 * * * *", "0 * * * *") are about elapsed time: wall
//   times skipped by a gap simply do not happen, and wall times that occur
//   twice fire twice, since each occurrence is a distinct real instant. So
//   "* * * * *" fires exactly 1440 times in any 24 real hours, which is
//   1380 times on a 23-hour spring-forward day and 1500 on a 25-hour
//   fall-back day.
class CronExpression final
{
public:
    // Invalid input: Error{InvalidArgument} saying which field is wrong and
    // why, e.g. "Field 2 (hour): 24 is out of range 0-23.".
    static Result<CronExpression> parse(const QString &expression);

    // The first fire time strictly after `after`, evaluated in `zone`, as a UTC
    // QDateTime; invalid when there is none within 8 years (e.g. "0 0 30 2 *";
    // 8 years is the longest wait between two 29 Februaries) or when `after`
    // or `zone` is invalid.
    QDateTime next(const QDateTime &after, const QTimeZone &zone) const;
    // Up to `count` consecutive fire times after `after`, fewer if they run out.
    QList<QDateTime> nextTimes(const QDateTime &after, const QTimeZone &zone, int count) const;

    QString expression() const { return m_expression; }   // as given
    QString describe() const;   // short human text, e.g. "every 15 minutes", best effort

private:
    struct Segment;   // a stretch of time with one UTC offset, see next()

    CronExpression(QString expression, QList<CronField> fields);

    // Why the times are computed per segment: inside one, wall time and UTC
    // map one to one, so matching is plain calendar arithmetic.
    static Segment segmentAt(const QTimeZone &zone, qint64 utcSecs);
    std::optional<qint64> nextInSegment(const Segment &segment, qint64 fromSecs, qint64 horizonSecs) const;
    // The first matching wall-clock minute in [fromMinute, limitMinute), in
    // minutes since 1970-01-01 00:00 wall time.
    std::optional<qint64> nextWallMinute(qint64 fromMinute, qint64 limitMinute) const;
    bool dayMatches(const QDate &date) const;
    bool isFixedHour() const;

    const CronField &field(CronField::Kind kind) const { return m_fields.at(int(kind)); }

    QString m_expression;
    QList<CronField> m_fields;   // indexed by CronField::Kind
};

} // namespace QueueDesk
