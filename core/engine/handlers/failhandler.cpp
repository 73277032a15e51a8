#include "failhandler.h"

#include "engine/handlers/payloadreader.h"
#include "engine/jobcontext.h"

namespace QueueDesk {

HandlerResult FailHandler::run(JobContext &context)
{
    const PayloadReader payload(context.payload());
    const auto message = payload.string(u"message"_s, u"failed on purpose"_s);
    if (!message)
        return PayloadReader::reject(message.error());
    const auto permanent = payload.boolean(u"permanent"_s, false);
    if (!permanent)
        return PayloadReader::reject(permanent.error());
    return HandlerResult::failure(message.value(), permanent.value());
}

} // namespace QueueDesk
