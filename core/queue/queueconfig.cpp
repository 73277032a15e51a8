#include "queueconfig.h"

#include <QRegularExpression>

namespace QueueDesk {

Status QueueConfig::validate() const
{
    static const QRegularExpression namePattern(u"^[A-Za-z0-9_.:-]{1,100}$"_s);
    if (!namePattern.match(name).hasMatch())
        return Error(Error::Code::InvalidArgument,
                     u"A queue name is 1 to 100 letters, digits, '_', '.', ':' or '-'."_s);
    auto negative = [](const std::optional<int> &v) { return v && *v < 0; };
    if (negative(concurrency))
        return Error(Error::Code::InvalidArgument, u"Concurrency cannot be negative."_s);
    if (negative(rateLimit))
        return Error(Error::Code::InvalidArgument, u"The rate limit cannot be negative."_s);
    if (perStoreLimit && *perStoreLimit < 1)
        return Error(Error::Code::InvalidArgument, u"The per-store limit must be at least 1."_s);
    if (negative(storeConcurrency))
        return Error(Error::Code::InvalidArgument, u"The per-store concurrency cannot be negative."_s);
    if (maxAttempts < 1)
        return Error(Error::Code::InvalidArgument, u"Max attempts must be at least 1."_s);
    if (backoffBaseMs < 0 || backoffMaxMs < backoffBaseMs)
        return Error(Error::Code::InvalidArgument, u"The backoff needs 0 <= base <= max."_s);
    if (keepCompleted < 0 || keepFailed < 0 || keepCompletedAgeSeconds < 0 || keepFailedAgeSeconds < 0)
        return Error(Error::Code::InvalidArgument, u"Retention counts and ages cannot be negative."_s);
    return {};
}

} // namespace QueueDesk
