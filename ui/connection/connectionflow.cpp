#include "connectionflow.h"

#include "connection/connectiondialog.h"
#include "connection/connectionerrortext.h"
#include "connection/keychainsecretstore.h"
#include "connection/passwordprompt.h"
#include "connection/profilestore.h"
#include "main/mainwindow.h"

#include <QStandardPaths>

namespace QueueDesk {

ConnectionFlow::ConnectionFlow(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_localDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/cluster"_s)
{
    connect(window->storeClient(), &StoreClient::connectionStateChanged, this, &ConnectionFlow::onConnectionState);
}

void ConnectionFlow::setProfileStore(ProfileStore *profiles)
{
    m_profiles = profiles;
}

void ConnectionFlow::setSecretStore(SecretStore *secrets)
{
    m_secrets = secrets;
    m_keychainWhy.clear();
}

ProfileStore *ConnectionFlow::profiles()
{
    if (!m_profiles)
        m_profiles = new ProfileStore(this);
    return m_profiles;
}

SecretStore *ConnectionFlow::secrets()
{
    if (!m_secrets)
        m_secrets = new KeychainSecretStore(this);
    return m_secrets;
}

ConnectionDialog *ConnectionFlow::dialog() const
{
    return m_dialog;
}

PasswordPrompt *ConnectionFlow::passwordPrompt() const
{
    return m_prompt;
}

void ConnectionFlow::start()
{
    if (const auto last = profiles()->lastProfile())
        connectTo(*last);
    else
        showDialog(true);
}

void ConnectionFlow::showDialog(bool firstLaunch)
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    m_dialog = new ConnectionDialog(m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setFirstLaunch(firstLaunch);
    if (!m_current.name.isEmpty())
        m_dialog->setProfile(m_current);
    if (!m_keychainWhy.isEmpty())
        m_dialog->setKeychainUnavailable(m_keychainWhy);
    ConnectionDialog *dialog = m_dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] { onDialogAccepted(dialog); });
    m_dialog->open();
}

void ConnectionFlow::onDialogAccepted(ConnectionDialog *dialog)
{
    const ConnectionProfile profile = dialog->profile();
    profiles()->save(profile, dialog->originalName());
    if (!profile.isLocal())
        m_sessionPasswords.insert(profile.secretKey(), dialog->password());
    open(profile, dialog->password(), dialog->savePassword());
}

void ConnectionFlow::connectTo(const ConnectionProfile &profile)
{
    if (profile.isLocal()) {
        open(profile, {}, false);
        return;
    }
    const auto known = m_sessionPasswords.constFind(profile.secretKey());
    if (known != m_sessionPasswords.cend()) {
        open(profile, known.value(), false);
        return;
    }
    m_window->showError(tr("Reading the password of %1 from the keychain…").arg(profile.name));
    secrets()->read(profile.secretKey(), this, [this, profile](const SecretReply &reply) { onSecretRead(profile, reply); });
}

void ConnectionFlow::onSecretRead(const ConnectionProfile &profile, const SecretReply &reply)
{
    if (reply.ok()) {
        m_sessionPasswords.insert(profile.secretKey(), reply.secret);
        open(profile, reply.secret, false);
        return;
    }
    if (reply.outcome == SecretReply::Outcome::Unavailable)
        m_keychainWhy = reply.message;
    askPassword(profile, reply.message);
}

void ConnectionFlow::askPassword(const ConnectionProfile &profile, const QString &why)
{
    delete m_prompt;
    m_prompt = new PasswordPrompt(profile, why, m_keychainWhy, m_window);
    m_prompt->setAttribute(Qt::WA_DeleteOnClose);
    PasswordPrompt *prompt = m_prompt;
    connect(prompt, &QDialog::accepted, this, [this, prompt, profile] {
        m_sessionPasswords.insert(profile.secretKey(), prompt->password());
        open(profile, prompt->password(), prompt->savePassword());
    });
    connect(prompt, &QDialog::rejected, this, [this] {
        m_window->storeClient()->disconnectFromServer();
        m_window->showError(tr("Not connected: no password was given."));
    });
    emit passwordAsked(why);
    m_prompt->open();
}

void ConnectionFlow::open(const ConnectionProfile &profile, const QString &password, bool savePassword)
{
    m_current = profile;
    profiles()->setLastProfileName(profile.name);
    m_pendingSave = savePassword ? profile.secretKey() : QString();
    if (profile.isLocal()) {
        m_awaitingFirstConnect = false;
        m_window->openLocal(m_localDir);
        return;
    }
    m_awaitingFirstConnect = true;
    m_window->openServer(profile.settings(password), profile.name, false, profile.readOnly);
}

void ConnectionFlow::onConnectionState(StoreClient::ConnectionState state, const Error &error)
{
    if (state == StoreClient::ConnectionState::Connected) {
        m_awaitingFirstConnect = false;
        savePendingPassword();
        return;
    }
    if (state != StoreClient::ConnectionState::Lost || !m_awaitingFirstConnect || m_current.isLocal())
        return;
    const auto problem = ConnectionErrorText::classify(error);
    if (!ConnectionErrorText::needsPassword(problem))
        return;
    // Ask once per attempt; the answer starts a new one.
    m_awaitingFirstConnect = false;
    m_sessionPasswords.remove(m_current.secretKey());
    askPassword(m_current, ConnectionErrorText::describe(error, m_current.settings({})));
}

void ConnectionFlow::savePendingPassword()
{
    if (m_pendingSave.isEmpty())
        return;
    const QString key = m_pendingSave;
    m_pendingSave.clear();
    secrets()->write(key, m_sessionPasswords.value(key), this, [this](const SecretReply &reply) {
        if (reply.ok())
            return;
        if (reply.outcome == SecretReply::Outcome::Unavailable)
            m_keychainWhy = reply.message;
        m_window->showError(reply.message);
    });
}

} // namespace QueueDesk
