#pragma once

#include "util/error.h"

#include <QSqlDatabase>

namespace QueueDesk {

// Key locks with a time to live (e.g. one job per URL at a time). Whoever
// acquires a lock gets a random token, and only that token can extend or
// release it; an expired lock is free for the next taker. Every operation is
// one statement, so two acquirers can never both win.
class LockStore final
{
public:
    explicit LockStore(QSqlDatabase db);

    // The owner token, or LockHeld naming when the current hold expires.
    Result<QString> acquire(const QString &key, int ttlSeconds);
    // LockHeld when another token holds the key, NotFound when nobody does.
    Status release(const QString &key, const QString &token);
    // A new expiry ttlSeconds from now, for the holder of the token only.
    Status extend(const QString &key, const QString &token, int ttlSeconds);
    // Deletes expired locks; returns how many.
    Result<qint64> purgeExpired();

private:
    Error notYours(const QString &key);

    QSqlDatabase m_db;
};

} // namespace QueueDesk
