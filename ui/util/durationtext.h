#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace QueueDesk {

// Durations and ages as people read them: "850 ms", "2.4 s", "3 min", "5 h".
class DurationText final
{
    Q_DECLARE_TR_FUNCTIONS(DurationText)

public:
    static QString ms(double milliseconds);
    // How long ago, e.g. "3 s ago"; "-" for an invalid time.
    static QString ago(const QDateTime &when, const QDateTime &now = QDateTime::currentDateTime());
};

} // namespace QueueDesk
