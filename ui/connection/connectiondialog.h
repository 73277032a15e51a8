#pragma once

#include "connection/connectionprofile.h"
#include "connection/connectiontester.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace QueueDesk {

// Where to connect: "Local" (the app's own embedded PostgreSQL, the
// default) or a server profile. "Test connection" runs on a worker thread
// and says what went wrong in plain words.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    void setFirstLaunch(bool firstLaunch);
    void setProfile(const ConnectionProfile &profile);
    ConnectionProfile profile() const;
    // The name the profile had when it was loaded, to rename it in place.
    QString originalName() const { return m_originalName; }
    QString password() const;
    bool savePassword() const;
    // No keychain: the "save password" box is off and says why.
    void setKeychainUnavailable(const QString &why);

    QLabel *statusLabel() const { return m_status; }
    QPushButton *testButton() const { return m_test; }
    QRadioButton *localChoice() const { return m_local; }
    QRadioButton *serverChoice() const { return m_server; }

public slots:
    void testConnection();
    void accept() override;

signals:
    void tested(const QueueDesk::ConnectionTester::Outcome &outcome, const QString &text);

private:
    QGroupBox *buildServerBox();
    QWidget *fileField(QLineEdit *edit, const QString &title);
    void updateEnabled();
    void onTested(const ConnectionTester::Outcome &outcome);
    QString outcomeText(const ConnectionTester::Outcome &outcome) const;
    void setStatus(const QString &text, bool good);

    ConnectionTester *m_tester;
    QLabel *m_intro;
    QRadioButton *m_local;
    QRadioButton *m_server;
    QGroupBox *m_serverBox;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_savePassword;
    QComboBox *m_sslMode;
    QLineEdit *m_sslRootCert;
    QLineEdit *m_sslCert;
    QLineEdit *m_sslKey;
    QCheckBox *m_readOnly;
    QLabel *m_status;
    QPushButton *m_test;
    QString m_originalName;
    bool m_sslModeChosen = false;   // by the operator or a saved profile: typing a host no longer changes it
    QString m_keychainWhy;
};

} // namespace QueueDesk
