#pragma once

#include "util/error.h"

namespace QueueDesk {

// StoreClient::run needs a default-constructible reply type; Result<T>
// has none, so the jobs browser carries its results in this.
template<typename T>
struct StoreReply
{
    Result<T> result = T();
};

} // namespace QueueDesk
