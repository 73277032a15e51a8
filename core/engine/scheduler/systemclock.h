#pragma once

#include "engine/scheduler/clock.h"

namespace QueueDesk {

// The wall clock.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace QueueDesk
