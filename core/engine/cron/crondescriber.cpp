#include "crondescriber.h"

#include <algorithm>

namespace QueueDesk {

namespace {

using Kind = CronField::Kind;

QString number(int value)
{
    return QString::number(value);
}

QString weekdayName(int day)   // 1 = Monday ... 7 = Sunday
{
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "Monday"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "Tuesday"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "Wednesday"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "Thursday"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "Friday"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "Saturday"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "Sunday"),
    };
    return CronDescriber::tr(names[day - 1]);
}

QString monthName(int month)
{
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "January"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "February"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "March"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "April"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "May"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "June"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "July"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "August"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "September"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "October"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "November"),
        QT_TRANSLATE_NOOP("QueueDesk::CronDescriber", "December"),
    };
    return CronDescriber::tr(names[month - 1]);
}

// "a", "a and b", "a, b and c".
QString sentenceList(const QStringList &items)
{
    if (items.size() <= 1)
        return items.value(0);
    return CronDescriber::tr("%1 and %2").arg(items.mid(0, items.size() - 1).join(u", "_s), items.last());
}

bool isContiguous(const QList<int> &values)
{
    return !values.isEmpty() && values.last() - values.first() == values.size() - 1;
}

} // namespace

CronDescriber::CronDescriber(const QList<CronField> &fields)
    : m_fields(fields)
{
}

QString CronDescriber::text() const
{
    const QString time = timePart();
    const CronField &dom = field(Kind::DayOfMonth);
    const CronField &month = field(Kind::Month);
    if (field(Kind::DayOfWeek).isFull() && dom.values().size() == 1 && month.values().size() == 1)
        return tr("%1 on %2 %3").arg(time, number(dom.values().first()), monthName(month.values().first()));
    QStringList parts{time};
    QString day = dayPart();
    if (day.isEmpty() && listsClockTimes())
        day = tr("every day");
    if (!day.isEmpty())
        parts.append(day);
    if (!monthPart().isEmpty())
        parts.append(monthPart());
    return parts.join(u' ');
}

QString CronDescriber::time(int hour, int minute)
{
    return u"%1:%2"_s.arg(hour, 2, 10, QChar(u'0')).arg(minute, 2, 10, QChar(u'0'));
}

int CronDescriber::evenStep(const CronField &field, int cycle)
{
    const QList<int> values = field.values();
    if (values.size() < 2 || values.first() != 0)
        return 0;
    const int step = values.at(1);
    if (cycle % step != 0 || values.size() != cycle / step)
        return 0;
    for (int i = 0; i < values.size(); ++i) {
        if (values.at(i) != i * step)
            return 0;
    }
    return step;
}

QString CronDescriber::joined(const QList<int> &values, QString (*label)(int))
{
    QStringList items;
    for (qsizetype i = 0; i < values.size();) {
        qsizetype end = i;
        while (end + 1 < values.size() && values.at(end + 1) == values.at(end) + 1)
            ++end;
        if (end - i >= 2) {
            items.append(tr("%1 to %2").arg(label(values.at(i)), label(values.at(end))));
            i = end + 1;
        } else {
            items.append(label(values.at(i)));
            ++i;
        }
    }
    return sentenceList(items);
}

bool CronDescriber::listsClockTimes() const
{
    const CronField &minute = field(Kind::Minute);
    const CronField &hour = field(Kind::Hour);
    return !minute.isFull() && !hour.isFull() && minute.values().size() * hour.values().size() <= 4;
}

QString CronDescriber::timePart() const
{
    const CronField &minute = field(Kind::Minute);
    const CronField &hour = field(Kind::Hour);
    if (minute.isFull() && hour.isFull())
        return tr("every minute");
    if (hour.isFull())
        return everyHourPart();
    return hoursPart();
}

QString CronDescriber::everyHourPart() const
{
    const CronField &minute = field(Kind::Minute);
    const QList<int> minutes = minute.values();
    if (const int step = evenStep(minute, 60))
        return tr("every %1 minutes").arg(step);
    if (minutes.size() == 1) {
        return minutes.first() == 0 ? tr("every hour")
                                    : tr("every hour at :%1").arg(minutes.first(), 2, 10, QChar(u'0'));
    }
    return tr("every hour at minutes %1").arg(joined(minutes, number));
}

QString CronDescriber::hoursPart() const
{
    const CronField &minute = field(Kind::Minute);
    const QList<int> minutes = minute.values();
    const QList<int> hours = field(Kind::Hour).values();
    if (listsClockTimes()) {
        QStringList times;
        for (int h : hours) {
            for (int m : minutes)
                times.append(time(h, m));
        }
        return tr("at %1").arg(sentenceList(times));
    }
    const int hourStep = evenStep(field(Kind::Hour), 24);
    if (minutes.size() == 1 && hourStep) {
        return minutes.first() == 0 ? tr("every %1 hours").arg(hourStep)
                                    : tr("every %1 hours at :%2").arg(hourStep).arg(minutes.first(), 2, 10, QChar(u'0'));
    }
    const QString window = isContiguous(hours)
        ? tr("from %1 to %2").arg(time(hours.first(), minutes.first()), time(hours.last(), minutes.last()))
        : tr("during hours %1").arg(joined(hours, number));
    if (minute.isFull())
        return tr("every minute %1").arg(window);
    if (const int step = evenStep(minute, 60))
        return tr("every %1 minutes %2").arg(step).arg(window);
    return tr("at minutes %1 past the hour %2").arg(joined(minutes, number), window);
}

QString CronDescriber::weekdayList() const
{
    QList<int> days;
    for (int day : field(Kind::DayOfWeek).values())
        days.append(day == 0 ? 7 : day);   // Monday first, Sunday last
    std::sort(days.begin(), days.end());
    return joined(days, weekdayName);
}

QString CronDescriber::dayPart() const
{
    const CronField &dom = field(Kind::DayOfMonth);
    const CronField &dow = field(Kind::DayOfWeek);
    const QList<int> days = dom.values();
    const QString domText = days.size() == 1 ? tr("on day %1 of the month").arg(days.first())
                                             : tr("on days %1 of the month").arg(joined(days, number));
    if (dom.isFull() && dow.isFull())
        return {};
    if (dow.isFull())
        return domText;
    if (dom.isFull())
        return tr("on %1").arg(weekdayList());
    if (dom.isStar() || dow.isStar())
        return tr("%1, if it falls on %2").arg(domText, weekdayList());
    return tr("%1 and on %2").arg(domText, weekdayList());
}

QString CronDescriber::monthPart() const
{
    const CronField &month = field(Kind::Month);
    return month.isFull() ? QString() : tr("in %1").arg(joined(month.values(), monthName));
}

} // namespace QueueDesk
