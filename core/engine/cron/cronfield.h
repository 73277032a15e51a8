#pragma once

#include "util/error.h"

#include <QList>
#include <QStringView>

namespace QueueDesk {

// One of the five fields of a cron expression, parsed into the set of values
// it matches (a bit per value). Day of week folds 7 onto 0: both are Sunday.
class CronField final
{
public:
    enum class Kind { Minute, Hour, DayOfMonth, Month, DayOfWeek };

    // Lists (1,5), ranges (1-5), steps (*/15, 1-30/5, 5/10 = 5-max/10), month
    // and day names where they belong. The error says which field and why.
    static Result<CronField> parse(QStringView text, Kind kind);

    bool contains(int value) const { return value >= 0 && value < 64 && (m_bits >> value) & 1; }
    // The smallest matching value >= from, or -1 when there is none.
    int next(int from) const;
    QList<int> values() const;
    // Written starting with '*' (*, */N): what Vixie cron calls an
    // unrestricted field, for the day-of-month / day-of-week rule.
    bool isStar() const { return m_star; }
    // Matches every value the field can take.
    bool isFull() const;
    Kind kind() const { return m_kind; }

    static QString name(Kind kind);
    static int low(Kind kind);
    static int high(Kind kind);   // 7 for day of week, where 7 is Sunday too

private:
    CronField(Kind kind, quint64 bits, bool star);

    struct Range { int first; int last; int step; };
    static Result<Range> parseItem(QStringView item, Kind kind);
    static Result<int> parseValue(QStringView text, Kind kind);
    static Result<int> parseStep(QStringView text, QStringView item, Kind kind);
    static Error fieldError(Kind kind, const QString &why);

    Kind m_kind;
    quint64 m_bits;
    bool m_star;
};

} // namespace QueueDesk
