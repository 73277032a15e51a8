#pragma once

#include "connection/connectionprofile.h"
#include "store/storeclient.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace QueueDesk {

class ConnectionDialog;
class MainWindow;
class PasswordPrompt;
class ProfileStore;
class SecretStore;
struct SecretReply;

// From a profile to an open connection: the last profile on start (or the
// first-launch dialog), the password from the keychain, or asked for each
// session saying why, asked again when the server refuses it, and saved to
// the keychain once it worked. Passwords never go to settings or logs.
class ConnectionFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionFlow)

public:
    explicit ConnectionFlow(MainWindow *window);

    // Both stay owned by the caller; the defaults (the application's
    // QSettings, the OS keychain) are made on first use.
    void setProfileStore(ProfileStore *profiles);
    void setSecretStore(SecretStore *secrets);
    ProfileStore *profiles();
    SecretStore *secrets();
    // Where the "Local" profile's embedded cluster lives.
    void setLocalDir(const QString &dir) { m_localDir = dir; }

    // On start: the last profile, else the first-launch dialog.
    void start();
    void showDialog(bool firstLaunch = false);
    void connectTo(const ConnectionProfile &profile);
    const ConnectionProfile &currentProfile() const { return m_current; }
    // The reason the keychain cannot be used, empty while it seems fine.
    QString keychainProblem() const { return m_keychainWhy; }

    // The open dialog or prompt, if any.
    ConnectionDialog *dialog() const;
    PasswordPrompt *passwordPrompt() const;

signals:
    void passwordAsked(const QString &why);

private:
    void onDialogAccepted(ConnectionDialog *dialog);
    void onSecretRead(const ConnectionProfile &profile, const SecretReply &reply);
    void askPassword(const ConnectionProfile &profile, const QString &why);
    void open(const ConnectionProfile &profile, const QString &password, bool savePassword);
    void onConnectionState(StoreClient::ConnectionState state, const Error &error);
    void savePendingPassword();

    MainWindow *m_window;
    ProfileStore *m_profiles = nullptr;
    SecretStore *m_secrets = nullptr;
    QString m_localDir;
    ConnectionProfile m_current;
    // Typed or read this session, so a reconnect never asks again.
    QHash<QString, QString> m_sessionPasswords;
    QString m_pendingSave;        // secret key to save once connected
    bool m_awaitingFirstConnect = false;
    QString m_keychainWhy;
    QPointer<ConnectionDialog> m_dialog;
    QPointer<PasswordPrompt> m_prompt;
};

} // namespace QueueDesk
