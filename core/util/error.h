#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace QueueDesk {

using namespace Qt::StringLiterals;

// An error is a value a caller can show to an operator: a code to branch on,
// a message in plain words, and the technical detail for the log.
struct Error
{
    enum class Code {
        None,
        InvalidArgument,   // negative limit, empty name, bad cron ...
        InvalidPayload,    // payload is not valid JSON
        UnknownQueue,
        NotFound,          // no such job, schedule, lock ...
        WrongState,        // e.g. retrying a running job
        UniqueConflict,    // unique key held by an unfinished job
        LockHeld,          // key lock owned by someone else
        ConnectionFailed,  // could not connect at all
        ConnectionLost,    // connection dropped mid-operation
        AuthenticationFailed,
        SchemaMissing,
        SchemaTooNew,
        ClusterFailed,     // embedded PostgreSQL could not start
        Database,          // anything else PostgreSQL reported
    };

    Code code = Code::None;
    QString message;
    QString detail;
    QString sqlState;   // PostgreSQL's SQLSTATE when the server reported it

    Error() = default;
    Error(Code c, QString msg, QString det = {})
        : code(c)
        , message(std::move(msg))
        , detail(std::move(det))
    {}

    bool isError() const { return code != Code::None; }
    // The server refused a value (classes 22 "data exception" and 23
    // "integrity constraint violation"): sending it again fails again.
    bool isDataError() const { return sqlState.startsWith(u"22") || sqlState.startsWith(u"23"); }
    QString toString() const
    {
        return detail.isEmpty() ? message : message + u" ("_s + detail + u')';
    }
    static QString codeName(Code code);
};

// std::expected is C++23; this is the small part of it we need.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
};

using Status = Result<void>;

} // namespace QueueDesk
