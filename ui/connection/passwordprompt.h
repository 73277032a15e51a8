#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace QueueDesk {

struct ConnectionProfile;

// Asks for a profile's password and says why it is asked: nothing saved,
// no keychain on this desktop, or the server refused the last one.
// Opened with open(), so the event loop keeps running meanwhile.
class PasswordPrompt final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordPrompt)

public:
    // keychainWhy: empty when the keychain can save it, else the reason it cannot.
    PasswordPrompt(const ConnectionProfile &profile, const QString &why, const QString &keychainWhy,
                   QWidget *parent = nullptr);

    QString password() const;
    bool savePassword() const;
    QLabel *reasonLabel() const { return m_reason; }
    QLineEdit *passwordEdit() const { return m_password; }

private:
    QLabel *m_reason;
    QLineEdit *m_password;
    QCheckBox *m_save;
};

} // namespace QueueDesk
