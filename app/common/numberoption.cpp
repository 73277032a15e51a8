#include "numberoption.h"

#include <QLocale>
#include <QRegularExpression>

namespace QueueDesk::NumberOption {

namespace {

// Long enough to say what was wrong, too short to flood a terminal.
QString shown(const QString &text)
{
    return text.size() > 40 ? text.left(40) + u"…"_s : text;
}

Error outOfRange(const QString &name, const QString &what, const QString &min, const QString &max, const QString &text)
{
    return Error(Error::Code::InvalidArgument,
                 u"%1 must be %2 from %3 to %4, not \"%5\"."_s.arg(name, what, min, max, shown(text)));
}

} // namespace

Result<qint64> wholeNumber(const QString &name, const QString &text, qint64 min, qint64 max)
{
    static const QRegularExpression digits(u"^[+-]?[0-9]+$"_s);
    bool ok = false;
    // toLongLong() alone accepts surrounding spaces; C locale: no group separators.
    const qint64 value = digits.match(text).hasMatch() ? QLocale::c().toLongLong(text, &ok) : 0;
    if (!ok || value < min || value > max)
        return outOfRange(name, u"a whole number"_s, QLocale::c().toString(min), QLocale::c().toString(max), text);
    return value;
}

Result<double> decimal(const QString &name, const QString &text, double min, double max)
{
    static const QRegularExpression number(u"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$"_s);
    bool ok = false;
    const double value = number.match(text).hasMatch() ? QLocale::c().toDouble(text, &ok) : 0;
    if (!ok || !(value >= min && value <= max))
        return outOfRange(name, u"a number"_s, QLocale::c().toString(min, 'f', QLocale::FloatingPointShortest),
                          QLocale::c().toString(max, 'f', QLocale::FloatingPointShortest), text);
    return value;
}

} // namespace QueueDesk::NumberOption
