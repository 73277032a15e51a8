#pragma once

#include "util/error.h"

#include <QLocale>
#include <QMap>
#include <QStringList>

namespace QueueDesk {

// What a bulk action did: how many jobs it changed, and how many it left
// alone and why, e.g. "312,000 requeued, 3 skipped: running".
struct BulkOutcome
{
    QString verb = u"changed"_s;     // past tense of the action, for summary()
    qint64 changed = 0;
    qint64 requested = 0;            // cancel only: running jobs asked to stop
    QMap<QString, qint64> skipped;   // reason ("running", "not found" ...) -> count
    bool stopped = false;            // the progress callback ended it early

    void skip(const QString &reason, qint64 count)
    {
        if (count > 0)
            skipped[reason] += count;
    }

    qint64 skippedTotal() const
    {
        qint64 total = 0;
        for (qint64 count : skipped)
            total += count;
        return total;
    }

    QString summary() const
    {
        // The words are English, so the digits are grouped the English way.
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        QString text = english.toString(changed) + u' ' + verb;
        if (requested > 0)
            text += u", "_s + english.toString(requested) + u" running asked to stop"_s;
        if (!skipped.isEmpty()) {
            QStringList reasons;
            for (auto it = skipped.cbegin(); it != skipped.cend(); ++it)
                reasons.append(skipped.size() == 1 ? it.key() : english.toString(it.value()) + u' ' + it.key());
            text += u", "_s + english.toString(skippedTotal()) + u" skipped: "_s + reasons.join(u", "_s);
        }
        if (stopped)
            text += u" (stopped early)"_s;
        return text;
    }
};

} // namespace QueueDesk
