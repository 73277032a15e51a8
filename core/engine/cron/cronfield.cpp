#include "cronfield.h"

#include <array>
#include <bit>

namespace QueueDesk {

namespace {

constexpr std::array<QStringView, 12> kMonthNames = {
    u"JAN", u"FEB", u"MAR", u"APR", u"MAY", u"JUN", u"JUL", u"AUG", u"SEP", u"OCT", u"NOV", u"DEC"};
constexpr std::array<QStringView, 7> kDayNames = {u"SUN", u"MON", u"TUE", u"WED", u"THU", u"FRI", u"SAT"};

bool isDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

template<size_t N>
int indexOfName(const std::array<QStringView, N> &names, QStringView text)
{
    for (size_t i = 0; i < N; ++i) {
        if (text.compare(names[i], Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

} // namespace

CronField::CronField(Kind kind, quint64 bits, bool star)
    : m_kind(kind)
    , m_bits(bits)
    , m_star(star)
{
}

QString CronField::name(Kind kind)
{
    switch (kind) {
    case Kind::Minute: return u"minute"_s;
    case Kind::Hour: return u"hour"_s;
    case Kind::DayOfMonth: return u"day of month"_s;
    case Kind::Month: return u"month"_s;
    case Kind::DayOfWeek: return u"day of week"_s;
    }
    return {};
}

int CronField::low(Kind kind)
{
    return kind == Kind::DayOfMonth || kind == Kind::Month ? 1 : 0;
}

int CronField::high(Kind kind)
{
    switch (kind) {
    case Kind::Minute: return 59;
    case Kind::Hour: return 23;
    case Kind::DayOfMonth: return 31;
    case Kind::Month: return 12;
    case Kind::DayOfWeek: return 7;
    }
    return 0;
}

Error CronField::fieldError(Kind kind, const QString &why)
{
    return Error(Error::Code::InvalidArgument,
                 u"Field %1 (%2): %3"_s.arg(int(kind) + 1).arg(name(kind), why));
}

Result<CronField> CronField::parse(QStringView text, Kind kind)
{
    quint64 bits = 0;
    for (QStringView item : text.split(u',')) {
        if (item.isEmpty())
            return fieldError(kind, u"%1 has an empty item in its list."_s.arg(quoted(text)));
        auto range = parseItem(item, kind);
        if (!range)
            return range.error();
        for (int v = range->first; v <= range->last; v += range->step)
            bits |= quint64(1) << v;
    }
    if (kind == Kind::DayOfWeek && (bits >> 7) & 1)
        bits = (bits & ~(quint64(1) << 7)) | 1;   // 7 is Sunday, like 0
    return CronField(kind, bits, text.startsWith(u'*'));
}

Result<CronField::Range> CronField::parseItem(QStringView item, Kind kind)
{
    const qsizetype slash = item.indexOf(u'/');
    const QStringView base = slash < 0 ? item : item.left(slash);
    Range range{low(kind), high(kind), 1};
    if (slash >= 0) {
        auto step = parseStep(item.mid(slash + 1), item, kind);
        if (!step)
            return step.error();
        range.step = step.value();
    }
    if (base == u"*")
        return range;
    const qsizetype dash = base.indexOf(u'-');
    if (dash < 0) {
        auto value = parseValue(base, kind);
        if (!value)
            return value.error();
        // "5/10" means from 5 to the end of the field in steps of 10.
        range.first = value.value();
        range.last = slash < 0 ? value.value() : high(kind);
        return range;
    }
    const QStringView firstText = base.left(dash);
    const QStringView lastText = base.mid(dash + 1);
    if (firstText.isEmpty() || lastText.isEmpty() || lastText.contains(u'-'))
        return fieldError(kind, u"%1 is not a range; write it as first-last, e.g. 1-5."_s.arg(quoted(item)));
    auto first = parseValue(firstText, kind);
    if (!first)
        return first.error();
    auto last = parseValue(lastText, kind);
    if (!last)
        return last.error();
    if (first.value() > last.value())
        return fieldError(kind, u"the range %1 goes backwards; split it, e.g. %2-%3,%4-%5."_s
                                    .arg(quoted(base), firstText.toString(), QString::number(high(kind)),
                                         QString::number(low(kind)), lastText.toString()));
    range.first = first.value();
    range.last = last.value();
    return range;
}

Result<int> CronField::parseStep(QStringView text, QStringView item, Kind kind)
{
    if (text.isEmpty())
        return fieldError(kind, u"%1 has no step after \"/\"."_s.arg(quoted(item)));
    if (!isDigits(text))
        return fieldError(kind, u"the step in %1 is not a number."_s.arg(quoted(item)));
    bool ok = false;
    const int step = text.toInt(&ok);
    if (!ok || step < 1 || step > high(kind))
        return fieldError(kind, u"the step in %1 must be from 1 to %2."_s.arg(quoted(item)).arg(high(kind)));
    return step;
}

Result<int> CronField::parseValue(QStringView text, Kind kind)
{
    if (isDigits(text)) {
        bool ok = false;
        const int value = text.toInt(&ok);
        if (!ok || value < low(kind) || value > high(kind))
            return fieldError(kind, u"%1 is out of range %2-%3."_s.arg(text.toString()).arg(low(kind)).arg(high(kind)));
        return value;
    }
    if (kind == Kind::Month) {
        const int index = indexOfName(kMonthNames, text);
        if (index < 0)
            return fieldError(kind, u"%1 is not a month name."_s.arg(quoted(text)));
        return index + 1;
    }
    if (kind == Kind::DayOfWeek) {
        const int index = indexOfName(kDayNames, text);
        if (index < 0)
            return fieldError(kind, u"%1 is not a day name."_s.arg(quoted(text)));
        return index;
    }
    return fieldError(kind, u"%1 is not a number."_s.arg(quoted(text)));
}

int CronField::next(int from) const
{
    if (from < 0)
        from = 0;
    if (from >= 64)
        return -1;
    const quint64 rest = m_bits >> from;
    return rest == 0 ? -1 : from + std::countr_zero(rest);
}

QList<int> CronField::values() const
{
    QList<int> result;
    for (int v = next(0); v >= 0; v = next(v + 1))
        result.append(v);
    return result;
}

bool CronField::isFull() const
{
    const int last = m_kind == Kind::DayOfWeek ? 6 : high(m_kind);
    for (int v = low(m_kind); v <= last; ++v) {
        if (!contains(v))
            return false;
    }
    return true;
}

} // namespace QueueDesk
