#pragma once

#include "engine/handler.h"
#include "util/error.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace QueueDesk {

// Reads typed values out of a job's payload. Every problem becomes an
// InvalidPayload error naming the key and what it should hold, because a
// payload that is wrong now is wrong on every retry.
class PayloadReader final
{
public:
    explicit PayloadReader(const QJsonObject &payload);

    bool has(const QString &key) const;
    // Without a fallback the key is required.
    Result<QString> string(const QString &key, std::optional<QString> fallback = std::nullopt) const;
    Result<qint64> integer(const QString &key, qint64 min, qint64 max, std::optional<qint64> fallback = std::nullopt) const;
    Result<bool> boolean(const QString &key, bool fallback) const;
    // A missing key gives an empty list.
    Result<QStringList> stringList(const QString &key) const;
    Result<QJsonObject> object(const QString &key) const;

    static Error invalid(const QString &key, const QString &expectation);
    // The permanent failure a handler returns for a bad payload.
    static HandlerResult reject(const Error &error);

private:
    const QJsonObject &m_payload;
};

} // namespace QueueDesk
