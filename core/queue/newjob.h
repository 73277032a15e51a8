#pragma once

#include "util/error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace QueueDesk {

// What a producer asks for. Unset options take the queue's defaults.
struct NewJob
{
    QString queue = u"default"_s;
    QString type;
    QJsonObject payload;
    int priority = 0;
    QDateTime runAt;                  // invalid: now (or after delayMs)
    qint64 delayMs = 0;
    QString store;
    std::optional<int> maxAttempts;
    QString uniqueKey;
    qint64 parentId = 0;
    QString createdBy;

    // Parses payload text as given by a person or a pipe: it must be a JSON
    // object; the error says where it went wrong.
    static Result<QJsonObject> parsePayload(const QString &text);
    // A job from one JSON object (the CLI's JSON lines, the HTTP API).
    static Result<NewJob> fromJson(const QJsonObject &object);

    Status validate() const;

    // The deepest payload a worker can read back: Qt's JSON reader stops at
    // 1,024 levels, and PostgreSQL would store deeper ones.
    static constexpr int maxPayloadDepth = 1000;
    bool isDelayed() const { return delayMs > 0 || (runAt.isValid() && runAt > QDateTime::currentDateTimeUtc()); }
};

} // namespace QueueDesk
