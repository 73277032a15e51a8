#pragma once

#include "engine/cron/cronfield.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace QueueDesk {

// Puts a parsed cron schedule into a few words for people ("every 15
// minutes", "at 09:00 on Monday to Friday"). Best effort: unusual
// combinations fall back to listing the values.
class CronDescriber final
{
    Q_DECLARE_TR_FUNCTIONS(QueueDesk::CronDescriber)

public:
    // The five fields, indexed by CronField::Kind.
    explicit CronDescriber(const QList<CronField> &fields);

    QString text() const;

private:
    // A handful of clock times ("at 09:00 and 17:00") rather than a rhythm.
    bool listsClockTimes() const;
    QString timePart() const;
    QString everyHourPart() const;
    QString hoursPart() const;
    QString dayPart() const;
    QString weekdayList() const;
    QString monthPart() const;

    // Values joined for reading: runs of three or more as "a to b".
    static QString joined(const QList<int> &values, QString (*label)(int));
    // N when the field is exactly 0, N, 2N ... and N divides the cycle, else 0.
    static int evenStep(const CronField &field, int cycle);
    static QString time(int hour, int minute);

    const CronField &field(CronField::Kind kind) const { return m_fields.at(int(kind)); }

    QList<CronField> m_fields;
};

} // namespace QueueDesk
