#include "durationtext.h"

namespace QueueDesk {

QString DurationText::ms(double milliseconds)
{
    if (milliseconds < 1000)
        return tr("%1 ms").arg(qRound64(milliseconds));
    const double seconds = milliseconds / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
    if (seconds < 3600)
        return tr("%1 min").arg(seconds / 60, 0, 'f', 1);
    return tr("%1 h").arg(seconds / 3600, 0, 'f', 1);
}

QString DurationText::ago(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return QStringLiteral("-");
    return tr("%1 ago").arg(ms(double(qMax<qint64>(0, when.msecsTo(now)))));
}

} // namespace QueueDesk
