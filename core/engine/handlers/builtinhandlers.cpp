#include "builtinhandlers.h"

#include "engine/handlerregistry.h"
#include "engine/handlers/commandhandler.h"
#include "engine/handlers/failhandler.h"
#include "engine/handlers/httphandler.h"
#include "engine/handlers/noophandler.h"
#include "engine/handlers/sleephandler.h"
#include "engine/handlers/sqlhandler.h"

namespace QueueDesk {

void registerBuiltinHandlers(HandlerRegistry &registry, const HandlerSettings &settings)
{
    registry.add<NoopHandler>(u"noop"_s);
    registry.add<SleepHandler>(u"sleep"_s);
    registry.add<FailHandler>(u"fail"_s);
    registry.add(u"http"_s, [timeout = settings.httpTimeoutMs] { return std::make_unique<HttpHandler>(timeout); });
    registry.add(u"command"_s, [settings] {
        return std::make_unique<CommandHandler>(settings.commandEnabled, settings.commandAllowList,
                                                settings.commandTimeoutMs);
    });
    registry.add(u"sql"_s, [settings] {
        return std::make_unique<SqlHandler>(settings.sqlEnabled, settings.sqlConnection, settings.sqlTimeoutMs);
    });
}

} // namespace QueueDesk
