#pragma once

#include "db/connectionsettings.h"
#include "queue/permissionstore.h"
#include "store/storeclient.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QTabWidget;

namespace QueueDesk {

class ConnectionFlow;
class PermissionProbe;
class SchemaBanner;
class CloseGuard;
class LocalWorkerPage;
class QueuesPage;
class Refresher;
class WorkersPage;
struct Snapshot;

// The operator console: pages over one store client, a banner when the
// connection is lost, and a status bar with the connection, the local
// engine and the last refresh.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts the embedded cluster in dataDir off the GUI thread, then opens it.
    void openLocal(const QString &dataDir);
    // Opens a server (or an already running cluster): checks the schema,
    // migrating it when migrate is set. A read-only profile never changes
    // anything; the role's privileges may switch actions off too.
    void openServer(const ConnectionSettings &settings, const QString &name, bool migrate,
                    bool readOnlyProfile = false);

    StoreClient *storeClient() const { return m_client; }
    Refresher *refresher() const { return m_refresher; }
    QTabWidget *pages() const { return m_pages; }
    QueuesPage *queuesPage() const { return m_queuesPage; }
    WorkersPage *workersPage() const { return m_workersPage; }
    QLabel *banner() const { return m_banner; }
    SchemaBanner *schemaBanner() const { return m_schemaBanner; }
    ConnectionFlow *connectionFlow() const { return m_flow; }
    PermissionProbe *permissionProbe() const { return m_probe; }
    // Why every change is off on this connection (a read-only profile, a
    // newer schema); empty otherwise, when each action checks its privilege.
    QString readOnlyReason() const { return m_readOnlyWhy; }
    QAction *newJobAction() const { return m_newJobAction; }
    QAction *newQueueAction() const { return m_newQueueAction; }
    LocalWorkerPage *localWorkerPage() const { return m_localPage; }
    CloseGuard *closeGuard() const { return m_closeGuard; }
    void addPage(QWidget *page, const QString &title);

public slots:
    void showError(const QString &message);
    // Runs the migrations on the open connection ("Create schema").
    void createSchema();
    void disconnectFromDatabase();

protected:
    // Asks the close guard first: local jobs may be running.
    void closeEvent(QCloseEvent *event) override;

signals:
    void schemaChecked(int current, int latest);
    // After each permission check: why every change is off (empty: each
    // action checks its privilege) and what the role may do, for pages with
    // actions of their own (PermissionProbe says why one is not allowed).
    void accessChanged(const QString &readOnlyWhy, const QueueDesk::RolePermissions &permissions);

private:
    void buildMenus();
    void buildFileMenu();
    void applyAccess();
    QString lostText(const Error &error) const;
    void installLocalWorker();
    void onConnectionState(StoreClient::ConnectionState state, const Error &error);
    void onRefreshed(const Snapshot &snapshot, qint64 roundTripMs);
    void checkSchema(bool migrate);

    StoreClient *m_client;
    Refresher *m_refresher;
    QTabWidget *m_pages;
    QueuesPage *m_queuesPage;
    WorkersPage *m_workersPage;
    QLabel *m_banner;
    QLabel *m_connectionLabel;
    QLabel *m_refreshLabel;
    LocalWorkerPage *m_localPage = nullptr;
    CloseGuard *m_closeGuard = nullptr;
    QLabel *m_engineLabel = nullptr;
    QString m_connectionName;
    SchemaBanner *m_schemaBanner = nullptr;
    PermissionProbe *m_probe = nullptr;
    ConnectionFlow *m_flow = nullptr;
    QString m_readOnlyWhy;
    int m_schemaCurrent = 0;
    int m_schemaLatest = 0;
    bool m_profileReadOnly = false;
    bool m_wasConnected = false;
    bool m_disconnected = false;   // by the operator: refresh errors are expected
    QMetaObject::Connection m_schemaOnConnect;
    QAction *m_newJobAction = nullptr;
    QAction *m_newQueueAction = nullptr;
};

} // namespace QueueDesk
