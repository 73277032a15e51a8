#pragma once

#include <QJsonObject>
#include <QString>

namespace QueueDesk {

class JobContext;

// What a handler reports when it returns.
struct HandlerResult
{
    enum class Outcome { Success, Failure, Cancelled };

    Outcome outcome = Outcome::Success;
    QJsonObject result;       // stored in jobs.result on success (and on failure, as detail)
    QString error;            // why it failed, for jobs.errors
    bool permanent = false;   // a failure that no retry can fix

    static HandlerResult success(QJsonObject result = {}) { return {Outcome::Success, std::move(result), {}, false}; }
    static HandlerResult failure(QString error, bool permanent = false, QJsonObject detail = {})
    {
        return {Outcome::Failure, std::move(detail), std::move(error), permanent};
    }
    static HandlerResult cancelled() { return {Outcome::Cancelled, {}, QStringLiteral("cancelled"), false}; }
    bool ok() const { return outcome == Outcome::Success; }
};

// Runs one type of job. run() is called on an executor thread, once per
// attempt, and may block (it owns that thread until it returns). A handler
// instance is made per job by its registry's factory, so it needs no locking.
class Handler
{
public:
    virtual ~Handler() = default;
    virtual HandlerResult run(JobContext &context) = 0;
};

} // namespace QueueDesk
