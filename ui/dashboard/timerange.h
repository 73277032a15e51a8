#pragma once

#include "util/error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace QueueDesk {

// The span the dashboard's time charts show, up to now.
class TimeRange final
{
    Q_DECLARE_TR_FUNCTIONS(TimeRange)

public:
    enum Span { Minutes15, Hour1, Hours24, Days7 };

    static QList<Span> all() { return {Minutes15, Hour1, Hours24, Days7}; }
    static qint64 seconds(Span span)
    {
        switch (span) {
        case Minutes15: return 15 * 60;
        case Hour1: return 60 * 60;
        case Hours24: return 24 * 60 * 60;
        case Days7: return 7 * 24 * 60 * 60;
        }
        return 60 * 60;
    }
    static qint64 ms(Span span) { return seconds(span) * 1000; }
    static QString label(Span span)
    {
        switch (span) {
        case Minutes15: return tr("15 min");
        case Hour1: return tr("1 h");
        case Hours24: return tr("24 h");
        case Days7: return tr("7 d");
        }
        return {};
    }
    // The axis labels' format: clock time within a day, dates beyond.
    static QString axisFormat(Span span) { return span == Days7 ? u"dd MMM HH:mm"_s : u"HH:mm"_s; }
};

} // namespace QueueDesk
