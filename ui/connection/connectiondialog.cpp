#include "connectiondialog.h"

#include "connection/connectionerrortext.h"
#include "connection/permissionprobe.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace QueueDesk {

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_tester(new ConnectionTester(this))
    , m_intro(new QLabel(this))
    , m_local(new QRadioButton(tr("&Local: QueueDesk's own PostgreSQL on this computer, started and set up for you"), this))
    , m_server(new QRadioButton(tr("&Server: a PostgreSQL server you already run"), this))
    , m_status(new QLabel(this))
    , m_test(new QPushButton(tr("&Test connection"), this))
{
    setWindowTitle(tr("Connect"));
    m_intro->setWordWrap(true);
    m_intro->hide();
    m_local->setObjectName(u"localChoice"_s);
    m_server->setObjectName(u"serverChoice"_s);
    m_status->setObjectName(u"connectionStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_test->setObjectName(u"testConnection"_s);
    m_local->setChecked(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_local);
    layout->addWidget(m_server);
    layout->addWidget(buildServerBox());
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_server, &QRadioButton::toggled, this, &ConnectionDialog::updateEnabled);
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionDialog::onTested);
    updateEnabled();
}

QGroupBox *ConnectionDialog::buildServerBox()
{
    m_serverBox = new QGroupBox(tr("Server"), this);
    auto edit = [this](const QString &objectName) {
        auto *line = new QLineEdit(this);
        line->setObjectName(objectName);
        return line;
    };
    m_name = edit(u"profileName"_s);
    m_host = edit(u"host"_s);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_port->setObjectName(u"port"_s);
    m_database = edit(u"database"_s);
    m_database->setText(u"queuedesk"_s);
    m_user = edit(u"user"_s);
    m_password = edit(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_savePassword = new QCheckBox(tr("Save the password in the system keychain"), this);
    m_savePassword->setObjectName(u"savePassword"_s);
    m_savePassword->setChecked(true);
    m_sslMode = new QComboBox(this);
    m_sslMode->setObjectName(u"sslMode"_s);
    m_sslMode->addItems({u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s});
    m_sslMode->setCurrentText(ConnectionProfile::defaultSslMode({}));
    // A new profile's TLS mode follows its host (ConnectionProfile::defaultSslMode) until the operator picks one.
    connect(m_sslMode, &QComboBox::activated, this, [this] { m_sslModeChosen = true; });
    connect(m_host, &QLineEdit::textChanged, this, [this](const QString &host) {
        if (!m_sslModeChosen)
            m_sslMode->setCurrentText(ConnectionProfile::defaultSslMode(host));
    });
    m_sslRootCert = edit(u"sslRootCert"_s);
    m_sslCert = edit(u"sslCert"_s);
    m_sslKey = edit(u"sslKey"_s);
    m_readOnly = new QCheckBox(tr("Read-only: look, never change anything through this connection"), this);
    m_readOnly->setObjectName(u"readOnly"_s);

    auto *form = new QFormLayout(m_serverBox);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Host:"), m_host);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Database:"), m_database);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_savePassword);
    form->addRow(tr("TLS (SSL) mode:"), m_sslMode);
    form->addRow(tr("CA certificate:"), fileField(m_sslRootCert, tr("CA certificate")));
    form->addRow(tr("Client certificate:"), fileField(m_sslCert, tr("Client certificate")));
    form->addRow(tr("Client key:"), fileField(m_sslKey, tr("Client key")));
    form->addRow(QString(), m_readOnly);
    return m_serverBox;
}

QWidget *ConnectionDialog::fileField(QLineEdit *edit, const QString &title)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QToolButton(row);
    browse->setText(u"…"_s);
    browse->setToolTip(tr("Choose a file"));
    layout->addWidget(edit);
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit, title] {
        const QString file = QFileDialog::getOpenFileName(this, title, edit->text());
        if (!file.isEmpty())
            edit->setText(file);
    });
    return row;
}

void ConnectionDialog::setFirstLaunch(bool firstLaunch)
{
    m_intro->setVisible(firstLaunch);
    if (!firstLaunch)
        return;
    setWindowTitle(tr("Welcome to QueueDesk"));
    m_intro->setText(tr("Where are your queues? If you are trying QueueDesk out, choose Local: it runs its own "
                        "PostgreSQL in a folder of yours, nothing to install or configure."));
}

void ConnectionDialog::updateEnabled()
{
    const bool server = m_server->isChecked();
    m_serverBox->setEnabled(server);
    m_test->setEnabled(server);
    m_test->setToolTip(server ? QString() : tr("The local PostgreSQL is started and checked when you connect."));
}

void ConnectionDialog::setKeychainUnavailable(const QString &why)
{
    m_keychainWhy = why;
    m_savePassword->setChecked(false);
    m_savePassword->setEnabled(false);
    m_savePassword->setToolTip(why);
}

void ConnectionDialog::setProfile(const ConnectionProfile &profile)
{
    m_originalName = profile.name;
    (profile.isLocal() ? m_local : m_server)->setChecked(true);
    if (!profile.isLocal()) {
        m_sslModeChosen = !profile.sslMode.isEmpty();
        m_name->setText(profile.name);
        m_host->setText(profile.host);
        m_port->setValue(profile.port);
        m_database->setText(profile.database);
        m_user->setText(profile.user);
        m_sslMode->setCurrentText(profile.sslMode.isEmpty() ? ConnectionProfile::defaultSslMode(profile.host)
                                                            : profile.sslMode);
        m_sslRootCert->setText(profile.sslRootCert);
        m_sslCert->setText(profile.sslCert);
        m_sslKey->setText(profile.sslKey);
        m_readOnly->setChecked(profile.readOnly);
    }
    updateEnabled();
}

ConnectionProfile ConnectionDialog::profile() const
{
    if (m_local->isChecked())
        return ConnectionProfile::local(tr("Local"));
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    if (p.name.isEmpty() && !m_host->text().trimmed().isEmpty())
        p.name = u"%1@%2/%3"_s.arg(m_user->text().trimmed(), m_host->text().trimmed(), m_database->text().trimmed());
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslMode = m_sslMode->currentText();
    p.sslRootCert = m_sslRootCert->text().trimmed();
    p.sslCert = m_sslCert->text().trimmed();
    p.sslKey = m_sslKey->text().trimmed();
    p.readOnly = m_readOnly->isChecked();
    return p;
}

QString ConnectionDialog::password() const
{
    return m_server->isChecked() ? m_password->text() : QString();
}

bool ConnectionDialog::savePassword() const
{
    return m_server->isChecked() && m_savePassword->isEnabled() && m_savePassword->isChecked();
}

void ConnectionDialog::setStatus(const QString &text, bool good)
{
    m_status->setText(text);
    m_status->setStyleSheet(good ? u"QLabel { color: #1d6b2f; }"_s : u"QLabel { color: #a1261b; }"_s);
}

void ConnectionDialog::testConnection()
{
    const ConnectionProfile p = profile();
    if (const QString invalid = p.validationError(); !invalid.isEmpty()) {
        setStatus(invalid, false);
        return;
    }
    setStatus(tr("Testing the connection to %1…").arg(p.settings({}).displayName()), true);
    m_test->setEnabled(false);
    m_tester->test(p.settings(password()));
}

void ConnectionDialog::onTested(const ConnectionTester::Outcome &outcome)
{
    m_test->setEnabled(m_server->isChecked());
    const QString text = outcomeText(outcome);
    setStatus(text, !outcome.error.isError() && outcome.schemaCurrent <= outcome.schemaLatest);
    emit tested(outcome, text);
}

QString ConnectionDialog::outcomeText(const ConnectionTester::Outcome &outcome) const
{
    if (outcome.error.isError())
        return ConnectionErrorText::describe(outcome.error, profile().settings({}));
    const RolePermissions &p = outcome.permissions;
    QString text = tr("Connected to PostgreSQL %1 as \"%2\".").arg(p.serverVersion, p.role);
    if (outcome.schemaCurrent == 0) {
        text += u' ' + ConnectionErrorText::schemaMissing();
        if (const QString denied = PermissionProbe::migrateDenied(p); !denied.isEmpty())
            text += u' ' + denied;
    } else if (outcome.schemaCurrent > outcome.schemaLatest) {
        text += u' ' + ConnectionErrorText::schemaTooNew(outcome.schemaCurrent, outcome.schemaLatest);
    } else if (outcome.schemaCurrent < outcome.schemaLatest) {
        text += u' ' + tr("The QueueDesk schema is older than this app (version %1 of %2): it can be upgraded "
                          "after connecting.").arg(outcome.schemaCurrent).arg(outcome.schemaLatest);
    } else if (const QString denied = PermissionProbe::pauseDenied(p); !denied.isEmpty()) {
        text += u' ' + tr("QueueDesk will be read-only here: %1").arg(denied);
    }
    return text;
}

void ConnectionDialog::accept()
{
    if (const QString invalid = profile().validationError(); !invalid.isEmpty()) {
        setStatus(invalid, false);
        return;
    }
    QDialog::accept();
}

} // namespace QueueDesk
