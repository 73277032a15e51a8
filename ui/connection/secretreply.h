#pragma once

#include <QString>

namespace QueueDesk {

// How a keychain request ended. Unavailable is an ordinary outcome (no
// Secret Service on this desktop, access refused): the caller asks for the
// password each session and says why, with message.
struct SecretReply
{
    enum class Outcome { Ok, NotFound, Unavailable, Failed };

    Outcome outcome = Outcome::Ok;
    QString secret;    // the password read (read requests only)
    QString message;   // in operator words, empty when Ok
    QString detail;    // the keychain's own error text, for the tooltip

    bool ok() const { return outcome == Outcome::Ok; }
};

} // namespace QueueDesk
