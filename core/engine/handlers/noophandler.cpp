#include "noophandler.h"

namespace QueueDesk {

HandlerResult NoopHandler::run(JobContext &)
{
    return HandlerResult::success();
}

} // namespace QueueDesk
