#include "passwordprompt.h"

#include "connection/connectionprofile.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace QueueDesk {

PasswordPrompt::PasswordPrompt(const ConnectionProfile &profile, const QString &why, const QString &keychainWhy,
                               QWidget *parent)
    : QDialog(parent)
    , m_reason(new QLabel(why, this))
    , m_password(new QLineEdit(this))
    , m_save(new QCheckBox(tr("Save the password in the system keychain"), this))
{
    setWindowTitle(tr("Password for %1").arg(profile.name));
    m_reason->setObjectName(u"passwordReason"_s);
    m_reason->setWordWrap(true);
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_save->setObjectName(u"savePassword"_s);
    m_save->setChecked(keychainWhy.isEmpty());
    m_save->setEnabled(keychainWhy.isEmpty());
    m_save->setToolTip(keychainWhy);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout(this);
    form->addRow(m_reason);
    form->addRow(tr("User:"), new QLabel(profile.user, this));
    form->addRow(tr("Server:"), new QLabel(profile.settings({}).displayName(), this));
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_save);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString PasswordPrompt::password() const
{
    return m_password->text();
}

bool PasswordPrompt::savePassword() const
{
    return m_save->isEnabled() && m_save->isChecked();
}

} // namespace QueueDesk
