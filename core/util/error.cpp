#include "error.h"

namespace QueueDesk {

QString Error::codeName(Code code)
{
    switch (code) {
    case Code::None: return u"none"_s;
    case Code::InvalidArgument: return u"invalid-argument"_s;
    case Code::InvalidPayload: return u"invalid-payload"_s;
    case Code::UnknownQueue: return u"unknown-queue"_s;
    case Code::NotFound: return u"not-found"_s;
    case Code::WrongState: return u"wrong-state"_s;
    case Code::UniqueConflict: return u"unique-conflict"_s;
    case Code::LockHeld: return u"lock-held"_s;
    case Code::ConnectionFailed: return u"connection-failed"_s;
    case Code::ConnectionLost: return u"connection-lost"_s;
    case Code::AuthenticationFailed: return u"authentication-failed"_s;
    case Code::SchemaMissing: return u"schema-missing"_s;
    case Code::SchemaTooNew: return u"schema-too-new"_s;
    case Code::ClusterFailed: return u"cluster-failed"_s;
    case Code::Database: return u"database"_s;
    }
    return u"unknown"_s;
}

} // namespace QueueDesk
