#pragma once

#include "engine/scheduler/clock.h"

#include <QMutex>

namespace QueueDesk {

// A clock that only moves when told (tests).
class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime &start);

    QDateTime now() const override;
    void set(const QDateTime &when);
    void advance(qint64 msecs);

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace QueueDesk
