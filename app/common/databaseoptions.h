#pragma once

#include "db/connectionsettings.h"
#include "util/error.h"

#include <QCommandLineParser>

namespace QueueDesk {

// The --dsn / --local options every command shares, and turning them into
// a connection: a server from a DSN (or $QUEUEDESK_DSN), or the embedded
// local cluster, started and migrated on demand.
class DatabaseOptions final
{
public:
    static void addTo(QCommandLineParser &parser);
    // The embedded cluster's folder when none is given.
    static QString defaultLocalDir();

    explicit DatabaseOptions(const QCommandLineParser &parser);

    // Starts the local cluster if that is what was asked for.
    Result<ConnectionSettings> resolve() const;
    bool isLocal() const { return m_dsn.isEmpty(); }

private:
    QString m_dsn;
    QString m_localDir;
};

} // namespace QueueDesk
