#pragma once

#include <QDateTime>

namespace QueueDesk {

// Where the scheduler reads the time of day, so tests can run a simulated
// day in seconds. Implementations are called from several threads.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;   // UTC
};

} // namespace QueueDesk
