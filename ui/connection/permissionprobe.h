#pragma once

#include "queue/permissionstore.h"
#include "util/error.h"

#include <QObject>

namespace QueueDesk {

class StoreClient;

// Finds out, on the store thread, what the connected role may do, and
// says in words why an action is not allowed.
class PermissionProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionProbe)

public:
    explicit PermissionProbe(StoreClient *client, QObject *parent = nullptr);

    void probe();
    const RolePermissions &permissions() const { return m_permissions; }
    bool hasResult() const { return m_hasResult; }
    void reset();

    // Each is empty when the role may do it.
    static QString pauseDenied(const RolePermissions &p);
    static QString enqueueDenied(const RolePermissions &p);
    static QString createQueueDenied(const RolePermissions &p);
    static QString migrateDenied(const RolePermissions &p);
    static QString workerDenied(const RolePermissions &p);

signals:
    void probed(const QueueDesk::RolePermissions &permissions);
    void failed(const QueueDesk::Error &error);

private:
    StoreClient *m_client;
    RolePermissions m_permissions;
    bool m_hasResult = false;
};

} // namespace QueueDesk
