#include "cronexpression.h"

#include "engine/cron/crondescriber.h"

#include <algorithm>
#include <array>

namespace QueueDesk {

// A stretch of time with one UTC offset: from the transition that began it
// (start, with the offset before it) to the next one (end), UTC seconds.
// No start or end: the zone has no transition on that side.
struct CronExpression::Segment
{
    int offset = 0;
    std::optional<qint64> start;
    int offsetBefore = 0;
    std::optional<qint64> end;
};

namespace {

constexpr qint64 kUnixEpochJulianDay = 2440588;   // 1970-01-01
constexpr qint64 kMinutesPerDay = 24 * 60;
// The Gregorian calendar repeats every 400 years, weekdays included, so an
// expression that fires at all fires within 400 years of any instant. A date
// combined with a weekday can wait decades ("0 0 25 12 */7" after 2051: 2061;
// Feb 29 on a weekday: up to 40 years); 8 years called such a schedule
// "never". The search jumps over months that cannot match, so even a
// never-firing expression costs a few thousand steps.
constexpr qint64 kHorizonSecs = qint64(401) * 366 * 24 * 3600;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return -floorDiv(-a, b);
}

qint64 dayNumber(const QDate &date)
{
    return date.toJulianDay() - kUnixEpochJulianDay;
}

struct Alias
{
    QStringView name;
    QStringView fields;
};

constexpr std::array<Alias, 7> kAliases = {{
    {u"@yearly", u"0 0 1 1 *"},
    {u"@annually", u"0 0 1 1 *"},
    {u"@monthly", u"0 0 1 * *"},
    {u"@weekly", u"0 0 * * 0"},
    {u"@daily", u"0 0 * * *"},
    {u"@midnight", u"0 0 * * *"},
    {u"@hourly", u"0 * * * *"},
}};

Error invalid(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

Result<QString> expandAlias(const QString &text)
{
    for (const Alias &alias : kAliases) {
        if (text.compare(alias.name, Qt::CaseInsensitive) == 0)
            return alias.fields.toString();
    }
    const QString known = u"@yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"_s;
    if (text.compare(u"@reboot", Qt::CaseInsensitive) == 0)
        return invalid(u"@reboot is not supported: a schedule needs a time. Use 5 fields or one of %1."_s.arg(known));
    return invalid(u"Unknown alias \"%1\": use 5 fields or one of %2."_s.arg(text, known));
}

} // namespace

CronExpression::CronExpression(QString expression, QList<CronField> fields)
    : m_expression(std::move(expression))
    , m_fields(std::move(fields))
{
}

Result<CronExpression> CronExpression::parse(const QString &expression)
{
    QString text = expression.simplified();
    if (text.startsWith(u'@')) {
        auto expanded = expandAlias(text);
        if (!expanded)
            return expanded.error();
        text = expanded.value();
    }
    const QStringList parts = text.split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 5) {
        QString message = u"Expected 5 fields (minute hour day month weekday), got %1."_s.arg(parts.size());
        if (parts.size() > 5)
            message += u" Seconds and years are not supported."_s;
        return invalid(message);
    }
    QList<CronField> fields;
    for (int i = 0; i < parts.size(); ++i) {
        auto field = CronField::parse(parts.at(i), CronField::Kind(i));
        if (!field)
            return field.error();
        fields.append(field.value());
    }
    return CronExpression(expression, std::move(fields));
}

QString CronExpression::describe() const
{
    return CronDescriber(m_fields).text();
}

bool CronExpression::isFixedHour() const
{
    const CronField &hour = field(CronField::Kind::Hour);
    return !hour.isStar() && !hour.isFull();
}

bool CronExpression::dayMatches(const QDate &date) const
{
    const CronField &dom = field(CronField::Kind::DayOfMonth);
    const CronField &dow = field(CronField::Kind::DayOfWeek);
    const bool domMatches = dom.contains(date.day());
    const bool dowMatches = dow.contains(date.dayOfWeek() % 7);
    if (dom.isStar() || dow.isStar())
        return domMatches && dowMatches;
    return domMatches || dowMatches;
}

std::optional<qint64> CronExpression::nextWallMinute(qint64 fromMinute, qint64 limitMinute) const
{
    const CronField &months = field(CronField::Kind::Month);
    const CronField &hours = field(CronField::Kind::Hour);
    const CronField &minutes = field(CronField::Kind::Minute);
    qint64 minute = fromMinute;
    while (minute < limitMinute) {
        const qint64 day = floorDiv(minute, kMinutesPerDay);
        const QDate date = QDate::fromJulianDay(day + kUnixEpochJulianDay);
        if (!months.contains(date.month())) {
            const int month = months.next(date.month() + 1);
            const QDate first = month > 0 ? QDate(date.year(), month, 1) : QDate(date.year() + 1, months.next(1), 1);
            minute = dayNumber(first) * kMinutesPerDay;
            continue;
        }
        const int ofDay = int(minute - day * kMinutesPerDay);
        const int hour = hours.next(ofDay / 60);
        if (!dayMatches(date) || hour < 0) {
            minute = (day + 1) * kMinutesPerDay;
            continue;
        }
        const int fromMinuteOfHour = hour == ofDay / 60 ? ofDay % 60 : 0;
        const int minuteOfHour = minutes.next(fromMinuteOfHour);
        if (minuteOfHour < 0) {
            minute = day * kMinutesPerDay + (hour + 1) * 60;
            continue;
        }
        minute = day * kMinutesPerDay + hour * 60 + minuteOfHour;
        return minute < limitMinute ? std::optional<qint64>(minute) : std::nullopt;
    }
    return std::nullopt;
}

CronExpression::Segment CronExpression::segmentAt(const QTimeZone &zone, qint64 utcSecs)
{
    const QDateTime at = QDateTime::fromSecsSinceEpoch(utcSecs, Qt::UTC);
    Segment segment;
    segment.offset = zone.offsetFromUtc(at);
    segment.offsetBefore = segment.offset;
    if (!zone.hasTransitions())
        return segment;
    // previousTransition() is strictly before its argument; a transition
    // exactly at utcSecs begins this segment.
    const QTimeZone::OffsetData previous = zone.previousTransition(at.addMSecs(1));
    if (previous.atUtc.isValid()) {
        segment.start = previous.atUtc.toSecsSinceEpoch();
        segment.offsetBefore = zone.offsetFromUtc(previous.atUtc.addSecs(-1));
    }
    const QTimeZone::OffsetData next = zone.nextTransition(at);
    if (next.atUtc.isValid())
        segment.end = next.atUtc.toSecsSinceEpoch();
    return segment;
}

std::optional<qint64> CronExpression::nextInSegment(const Segment &segment, qint64 fromSecs,
                                                    qint64 horizonSecs) const
{
    const bool fixedHour = isFixedHour();
    const bool springsForward = segment.start && segment.offset > segment.offsetBefore;
    if (fixedHour && springsForward && *segment.start == fromSecs) {
        // Wall times the gap skipped fire once, at its first instant.
        const qint64 gapFrom = ceilDiv(fromSecs + segment.offsetBefore, 60);
        const qint64 gapLimit = ceilDiv(fromSecs + segment.offset, 60);
        if (nextWallMinute(gapFrom, gapLimit))
            return fromSecs;
    }
    qint64 fromWallSecs = fromSecs + segment.offset;
    const bool fallsBack = segment.start && segment.offset < segment.offsetBefore;
    if (fixedHour && fallsBack) {
        // The repeated wall times already fired at their first occurrence.
        fromWallSecs = std::max(fromWallSecs, *segment.start + segment.offsetBefore);
    }
    const qint64 endSecs = segment.end ? std::min(*segment.end, horizonSecs) : horizonSecs;
    const auto minute = nextWallMinute(ceilDiv(fromWallSecs, 60), ceilDiv(endSecs + segment.offset, 60));
    if (!minute)
        return std::nullopt;
    return *minute * 60 - segment.offset;
}

QDateTime CronExpression::next(const QDateTime &after, const QTimeZone &zone) const
{
    if (!after.isValid() || !zone.isValid())
        return {};
    // Fire times are whole seconds, so the first candidate is the next one.
    const qint64 afterSecs = floorDiv(after.toMSecsSinceEpoch(), 1000);
    const qint64 horizonSecs = afterSecs + kHorizonSecs;
    qint64 fromSecs = afterSecs + 1;
    while (fromSecs < horizonSecs) {
        const Segment segment = segmentAt(zone, fromSecs);
        if (const auto fire = nextInSegment(segment, fromSecs, horizonSecs))
            return QDateTime::fromSecsSinceEpoch(*fire, Qt::UTC);
        if (!segment.end)
            break;
        fromSecs = *segment.end;
    }
    return {};
}

QList<QDateTime> CronExpression::nextTimes(const QDateTime &after, const QTimeZone &zone, int count) const
{
    QList<QDateTime> times;
    times.reserve(std::clamp(count, 0, 4096));
    QDateTime from = after;
    while (times.size() < count) {
        const QDateTime time = next(from, zone);
        if (!time.isValid())
            break;
        times.append(time);
        from = time;
    }
    return times;
}

} // namespace QueueDesk
