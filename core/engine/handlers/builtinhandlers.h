#pragma once

#include "engine/handlers/handlersettings.h"

namespace QueueDesk {

class HandlerRegistry;

// Registers noop, sleep, fail, http, command and sql. command and sql are
// registered even when disabled, so their jobs fail with a message that says
// why instead of "unknown job type".
void registerBuiltinHandlers(HandlerRegistry &registry, const HandlerSettings &settings);

} // namespace QueueDesk
