#pragma once

#include <cmath>

namespace QueueDesk {

// Value axes end on a round figure (1, 2 or 5 x 10^n) with five ticks, so
// the labels read 0, 25, 50 ... and the axis does not twitch with every sample.
class AxisScale final
{
public:
    static constexpr int TickCount = 5;

    static double ceiling(double value)
    {
        if (value <= 4)
            return 4;
        const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
        for (double step : {1.0, 2.0, 5.0, 10.0}) {
            if (value <= step * magnitude)
                return step * magnitude;
        }
        return 10 * magnitude;
    }
};

} // namespace QueueDesk
