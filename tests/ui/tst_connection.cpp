#include "connection/connectiondialog.h"
#include "connection/connectionerrortext.h"
#include "connection/connectionflow.h"
#include "connection/keychainsecretstore.h"
#include "connection/memorysecretstore.h"
#include "connection/passwordprompt.h"
#include "connection/permissionprobe.h"
#include "connection/profilestore.h"
#include "connection/schemabanner.h"
#include "db/database.h"
#include "db/localcluster.h"
#include "db/migrator.h"
#include "main/mainwindow.h"
#include "queue/permissionstore.h"
#include "queues/queuesmodel.h"
#include "queues/queuespage.h"
#include "testdatabase.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

namespace {

const QString viewerRole = u"qdtest_conn_viewer"_s;
const QString passwordRole = u"qdtest_conn_pw"_s;
const QString rightPassword = u"correct-horse-battery"_s;
// Set in the child process that checks the keychain without a Secret Service.
constexpr auto childEnv = "QUEUEDESK_TEST_KEYCHAIN_CHILD";

bool secretServiceRunning()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface()->isServiceRegistered(u"org.freedesktop.secrets"_s).value();
}

// Runs one SecretStore request and waits for its answer.
template<typename Request>
std::optional<SecretReply> ask(Request request)
{
    std::optional<SecretReply> reply;
    request([&reply](const SecretReply &r) { reply = r; });
    // The answer (or nullopt when none came in time) is checked by the caller.
    (void)QTest::qWaitFor([&] { return reply.has_value(); }, 30000);
    return reply;
}

void fillServer(ConnectionDialog &dialog, const ConnectionSettings &s, const QString &password)
{
    dialog.serverChoice()->setChecked(true);
    dialog.findChild<QLineEdit *>(u"profileName"_s)->setText(u"test server"_s);
    dialog.findChild<QLineEdit *>(u"host"_s)->setText(s.host);
    dialog.findChild<QSpinBox *>(u"port"_s)->setValue(s.port);
    dialog.findChild<QLineEdit *>(u"database"_s)->setText(s.database);
    dialog.findChild<QLineEdit *>(u"user"_s)->setText(s.user);
    dialog.findChild<QLineEdit *>(u"password"_s)->setText(password);
}

} // namespace

// Connections, secrets and permissions of the desktop app, against real
// PostgreSQL: the suite's cluster and, for passwords, a small cluster of
// our own whose pg_hba.conf asks for them.
class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void errorTextNamesTheProblem_data();
    void errorTextNamesTheProblem();
    void refusedConnectionIsNamed();
    void profilesRoundTripWithoutPassword();
    void memorySecretStoreHoldsThePassword();
    void keychainWorksWithSecretService();
    void keychainWithoutSecretServiceIsUnavailable();
    void wrongPasswordInTheDialog();
    void wrongPasswordAsksAgainAndSaves();
    void firstLaunchDialogThenLastProfile();
    void noKeychainAsksEachSessionAndSaysWhy();
    void pgpassGivesThePasswordWhenTheDsnHasNone();
    void quotedPasswordInAKeywordDsn();
    void newProfileTlsModeFollowsTheHost();
    void firstLaunchLocalStartsTheEmbeddedCluster();
    void schemaMissingOffersCreateSchema();
    void restrictedRoleCannotCreateSchema();
    void permissionProbeOfRoles();
    void restrictedRoleCannotPause();
    void readOnlyProfileCannotPause();

private:
    Status startPasswordCluster();
    ConnectionSettings as(const QString &user) const;
    std::unique_ptr<MainWindow> windowWith(ProfileStore *profiles, SecretStore *secrets);

    bool m_child = false;
    ConnectionSettings m_settings;
    ConnectionSettings m_emptySettings;   // a database without the schema
    ConnectionSettings m_passwordSettings;
    QSqlDatabase m_db;
    QTemporaryDir m_tmp;
    std::unique_ptr<LocalCluster> m_passwordCluster;
};

void TestConnection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_child = qEnvironmentVariableIsSet(childEnv);
    if (m_child)
        return;
    QVERIFY(m_tmp.isValid());
    auto settings = TestDatabase::create(u"qdtest_connection"_s);
    QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
    m_settings = settings.value();
    auto empty = TestDatabase::create(u"qdtest_connection_empty"_s, false);
    QVERIFY2(empty.ok(), qPrintable(empty.error().toString()));
    m_emptySettings = empty.value();
    m_db = TestDatabase::connect(m_settings, u"main"_s);
    // A role that may look but not change anything (trust auth on the socket).
    for (const QString &sql : {u"DROP ROLE IF EXISTS %1"_s, u"CREATE ROLE %1 LOGIN"_s,
                               u"GRANT USAGE ON SCHEMA queuedesk TO %1"_s,
                               u"GRANT SELECT ON ALL TABLES IN SCHEMA queuedesk TO %1"_s})
        QVERIFY2(Database::exec(m_db, sql.arg(viewerRole)).ok(), qPrintable(sql));
    Status started = startPasswordCluster();
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
}

void TestConnection::cleanupTestCase()
{
    if (m_passwordCluster) {
        Database::close(u"pwadmin"_s);
        QVERIFY(m_passwordCluster->stop().ok());
        QDir(m_passwordCluster->dataDir()).removeRecursively();
    }
}

Status TestConnection::startPasswordCluster()
{
    // The suite's cluster trusts everyone on its socket. This one asks our
    // role for a password: its own pg_hba.conf, named by hba_file.
    const QString dir = QDir::tempPath() + u"/qd-conn-pw-%1"_s.arg(QCoreApplication::applicationPid());
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    QFile hba(dir + u"/hba.conf"_s);
    if (!hba.open(QIODevice::WriteOnly))
        return Error(Error::Code::ClusterFailed, u"cannot write hba.conf"_s);
    hba.write("local all postgres trust\nlocal all all scram-sha-256\n");
    hba.close();
    m_passwordCluster = std::make_unique<LocalCluster>(
        dir, LocalCluster::Options{false, u"hba_file = '%1/hba.conf'\nmax_connections = 20\n"_s.arg(dir)});
    if (Status started = m_passwordCluster->ensureStarted(); !started)
        return started;
    auto admin = Database::open(m_passwordCluster->connectionSettings(u"postgres"_s), u"pwadmin"_s);
    if (!admin)
        return admin.error();
    if (auto role = Database::exec(admin.value(), u"CREATE ROLE %1 LOGIN PASSWORD '%2'"_s.arg(passwordRole, rightPassword));
        !role)
        return role.error();
    m_passwordSettings = m_passwordCluster->connectionSettings(u"postgres"_s);
    m_passwordSettings.user = passwordRole;
    return {};
}

ConnectionSettings TestConnection::as(const QString &user) const
{
    ConnectionSettings s = m_settings;
    s.user = user;
    return s;
}

std::unique_ptr<MainWindow> TestConnection::windowWith(ProfileStore *profiles, SecretStore *secrets)
{
    auto window = std::make_unique<MainWindow>();
    window->connectionFlow()->setProfileStore(profiles);
    window->connectionFlow()->setSecretStore(secrets);
    window->show();
    return window;
}

void TestConnection::errorTextNamesTheProblem_data()
{
    using P = ConnectionErrorText::Problem;
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<int>("problem");
    QTest::addColumn<QString>("words");
    const int failed = int(Error::Code::ConnectionFailed);
    QTest::newRow("wrong password") << int(Error::Code::AuthenticationFailed)
        << u"FATAL:  password authentication failed for user \"bob\""_s << int(P::WrongPassword) << u"Wrong password"_s;
    QTest::newRow("no password") << failed << u"fe_sendauth: no password supplied"_s << int(P::PasswordNeeded)
        << u"wants a password"_s;
    QTest::newRow("refused") << failed << u"connection to server at \"10.0.0.1\", port 5432 failed: Connection refused"_s
        << int(P::ConnectionRefused) << u"Connection refused"_s;
    QTest::newRow("unreachable") << failed << u"connection to server at \"10.0.0.1\", port 5432 failed: No route to host"_s
        << int(P::HostUnreachable) << u"Host unreachable"_s;
    QTest::newRow("timeout") << failed << u"timeout expired"_s << int(P::HostUnreachable) << u"Host unreachable"_s;
    QTest::newRow("dns") << failed << u"could not translate host name \"db.invalid\" to address: Name or service not known"_s
        << int(P::NameNotResolved) << u"could not be resolved"_s;
    QTest::newRow("tls refused") << failed << u"server does not support SSL, but SSL was required"_s
        << int(P::TlsRefused) << u"TLS refused"_s;
    QTest::newRow("tls required") << failed
        << u"FATAL:  no pg_hba.conf entry for host \"10.0.0.2\", user \"bob\", database \"q\", no encryption"_s
        << int(P::TlsRequired) << u"TLS required"_s;
    QTest::newRow("certificate") << failed << u"root certificate file \"/x/ca.crt\" does not exist"_s
        << int(P::TlsCertificate) << u"certificates"_s;
    QTest::newRow("no database") << failed << u"FATAL:  database \"nope\" does not exist"_s
        << int(P::DatabaseMissing) << u"does not exist"_s;
    QTest::newRow("no role") << failed << u"FATAL:  role \"bob\" does not exist"_s << int(P::UnknownUser)
        << u"no user"_s;
    QTest::newRow("schema missing") << int(Error::Code::SchemaMissing) << QString() << int(P::SchemaMissing)
        << u"Create it"_s;
}

void TestConnection::errorTextNamesTheProblem()
{
    QFETCH(int, code);
    QFETCH(QString, detail);
    QFETCH(int, problem);
    QFETCH(QString, words);
    const Error error(Error::Code(code), u"Could not connect to PostgreSQL."_s, u"connect to x: "_s + detail);
    ConnectionSettings where;
    where.host = u"db.invalid"_s;
    where.user = u"bob"_s;
    where.database = u"nope"_s;
    QCOMPARE(int(ConnectionErrorText::classify(error)), problem);
    const QString text = ConnectionErrorText::describe(error, where);
    QVERIFY2(text.contains(words), qPrintable(text));
}

void TestConnection::refusedConnectionIsNamed()
{
    // Port 1 on this machine: nothing listens, the kernel refuses at once.
    ConnectionSettings nowhere;
    nowhere.host = u"127.0.0.1"_s;
    nowhere.port = 1;
    nowhere.user = u"x"_s;
    const auto outcome = ConnectionTester::check(nowhere);
    QCOMPARE(ConnectionErrorText::classify(outcome.error), ConnectionErrorText::Problem::ConnectionRefused);
    QVERIFY(ConnectionErrorText::describe(outcome.error, nowhere).contains(u"127.0.0.1:1"_s));
}

void TestConnection::profilesRoundTripWithoutPassword()
{
    const QString file = m_tmp.filePath(u"roundtrip.ini"_s);
    ConnectionProfile server;
    server.name = u"Production"_s;
    server.host = u"db.example.com"_s;
    server.port = 6432;
    server.database = u"jobs"_s;
    server.user = u"ops"_s;
    server.sslMode = u"verify-full"_s;
    server.sslRootCert = u"/etc/ssl/ca.pem"_s;
    server.sslCert = u"/home/ops/client.crt"_s;
    server.sslKey = u"/home/ops/client.key"_s;
    server.readOnly = true;
    {
        ProfileStore store(file);
        store.save(ConnectionProfile::local(u"Local"_s));
        store.save(server);
        store.setLastProfileName(server.name);
    }
    ProfileStore again(file);
    QCOMPARE(again.profiles().size(), 2);
    QCOMPARE(again.profile(u"Production"_s).value(), server);
    QVERIFY(again.profile(u"Local"_s)->isLocal());
    QCOMPARE(again.lastProfile()->name, u"Production"_s);

    // A rename keeps its place and the "last" mark.
    ConnectionProfile renamed = server;
    renamed.name = u"Prod"_s;
    again.save(renamed, u"Production"_s);
    QCOMPARE(ProfileStore(file).profiles().size(), 2);
    QCOMPARE(ProfileStore(file).lastProfileName(), u"Prod"_s);

    QFile ini(file);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("password"));
}

void TestConnection::memorySecretStoreHoldsThePassword()
{
    MemorySecretStore store;
    QObject receiver;
    auto written = ask([&](auto done) { store.write(u"k"_s, u"s3cret"_s, &receiver, done); });
    QVERIFY(written && written->ok());
    auto read = ask([&](auto done) { store.read(u"k"_s, &receiver, done); });
    QVERIFY(read && read->ok());
    QCOMPARE(read->secret, u"s3cret"_s);
    QVERIFY(ask([&](auto done) { store.remove(u"k"_s, &receiver, done); }));
    read = ask([&](auto done) { store.read(u"k"_s, &receiver, done); });
    QCOMPARE(read->outcome, SecretReply::Outcome::NotFound);
}

void TestConnection::keychainWorksWithSecretService()
{
    if (m_child || !secretServiceRunning())
        QSKIP("no Secret Service on this D-Bus session: scripts/test.sh runs one (dbus-run-session, gnome-keyring)");
    KeychainSecretStore store(u"queuedesk-test"_s);
    QObject receiver;
    const QString key = u"tst_connection-%1"_s.arg(QCoreApplication::applicationPid());
    auto written = ask([&](auto done) { store.write(key, rightPassword, &receiver, done); });
    QVERIFY(written);
    QVERIFY2(written->ok(), qPrintable(written->message + u' ' + written->detail));
    auto read = ask([&](auto done) { store.read(key, &receiver, done); });
    QVERIFY(read && read->ok());
    QCOMPARE(read->secret, rightPassword);
    auto removed = ask([&](auto done) { store.remove(key, &receiver, done); });
    QVERIFY(removed && removed->ok());
    read = ask([&](auto done) { store.read(key, &receiver, done); });
    QCOMPARE(read->outcome, SecretReply::Outcome::NotFound);
}

void TestConnection::keychainWithoutSecretServiceIsUnavailable()
{
    if (secretServiceRunning()) {
        // Check it again in a process whose D-Bus leads nowhere.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(childEnv), u"1"_s);
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/queuedesk-bus"_s);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {u"keychainWithoutSecretServiceIsUnavailable"_s});
        QVERIFY(child.waitForFinished(60000));
        QVERIFY2(child.exitCode() == 0, child.readAll().constData());
        return;
    }
    KeychainSecretStore store(u"queuedesk-test"_s);
    QObject receiver;
    auto read = ask([&](auto done) { store.read(u"anything"_s, &receiver, done); });
    QVERIFY(read);
    QCOMPARE(read->outcome, SecretReply::Outcome::Unavailable);
    QVERIFY2(read->message.contains(u"asked for each session"_s), qPrintable(read->message));
    auto written = ask([&](auto done) { store.write(u"anything"_s, u"x"_s, &receiver, done); });
    QCOMPARE(written->outcome, SecretReply::Outcome::Unavailable);
}

void TestConnection::wrongPasswordInTheDialog()
{
    ConnectionDialog dialog;
    QSignalSpy tested(&dialog, &ConnectionDialog::tested);
    fillServer(dialog, m_passwordSettings, u"not-the-password"_s);
    dialog.testButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 20000);
    QVERIFY2(dialog.statusLabel()->text().startsWith(u"Wrong password"_s), qPrintable(dialog.statusLabel()->text()));
    QVERIFY(dialog.statusLabel()->text().contains(passwordRole));

    dialog.findChild<QLineEdit *>(u"password"_s)->setText(rightPassword);
    dialog.testButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 2, 20000);
    // Right password, but no QueueDesk schema in that database yet.
    QVERIFY2(dialog.statusLabel()->text().contains(u"Connected to PostgreSQL"_s), qPrintable(dialog.statusLabel()->text()));
    QVERIFY(dialog.statusLabel()->text().contains(u"schema is missing"_s));
}

void TestConnection::wrongPasswordAsksAgainAndSaves()
{
    ProfileStore profiles(m_tmp.filePath(u"wrong.ini"_s));
    MemorySecretStore secrets;
    ConnectionProfile profile;
    profile.name = u"password server"_s;
    profile.host = m_passwordSettings.host;
    profile.port = m_passwordSettings.port;
    profile.database = m_passwordSettings.database;
    profile.user = passwordRole;
    profile.sslMode.clear();
    profiles.save(profile);
    QObject receiver;
    QVERIFY(ask([&](auto done) { secrets.write(profile.secretKey(), u"stale"_s, &receiver, done); }));

    auto window = windowWith(&profiles, &secrets);
    window->connectionFlow()->connectTo(profile);
    QTRY_VERIFY_WITH_TIMEOUT(window->connectionFlow()->passwordPrompt(), 20000);
    PasswordPrompt *prompt = window->connectionFlow()->passwordPrompt();
    QVERIFY2(prompt->reasonLabel()->text().startsWith(u"Wrong password"_s), qPrintable(prompt->reasonLabel()->text()));
    QVERIFY(window->banner()->text().contains(u"Wrong password"_s));
    prompt->passwordEdit()->setText(rightPassword);
    QVERIFY(prompt->savePassword());
    prompt->accept();
    QTRY_COMPARE_WITH_TIMEOUT(window->storeClient()->connectionState(), StoreClient::ConnectionState::Connected, 20000);
    // Saved once it worked.
    auto saved = ask([&](auto done) { secrets.read(profile.secretKey(), &receiver, done); });
    QVERIFY(saved && saved->ok());
    QCOMPARE(saved->secret, rightPassword);
}

void TestConnection::firstLaunchDialogThenLastProfile()
{
    const QString file = m_tmp.filePath(u"first.ini"_s);
    ProfileStore profiles(file);
    MemorySecretStore secrets;
    {
        auto window = windowWith(&profiles, &secrets);
        window->connectionFlow()->start();
        QTRY_VERIFY(window->connectionFlow()->dialog());
        ConnectionDialog *dialog = window->connectionFlow()->dialog();
        QVERIFY(dialog->localChoice()->isChecked());   // Local is the default
        fillServer(*dialog, m_settings, u"typed-secret-123"_s);
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(window->storeClient()->connectionState(), StoreClient::ConnectionState::Connected,
                                  20000);
        QCOMPARE(profiles.lastProfileName(), u"test server"_s);
        QTRY_VERIFY(secrets.contains(profiles.lastProfile()->secretKey()));
    }
    QFile ini(file);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("typed-secret-123"));

    // Next start: straight to the last profile, its password from the store.
    auto window = windowWith(&profiles, &secrets);
    const int requests = secrets.requestCount();
    window->connectionFlow()->start();
    QTRY_COMPARE_WITH_TIMEOUT(window->storeClient()->connectionState(), StoreClient::ConnectionState::Connected, 20000);
    QVERIFY(!window->connectionFlow()->dialog());
    QVERIFY(!window->connectionFlow()->passwordPrompt());
    QCOMPARE(secrets.requestCount(), requests + 1);
    QCOMPARE(window->storeClient()->settings().password, u"typed-secret-123"_s);
}

void TestConnection::noKeychainAsksEachSessionAndSaysWhy()
{
    ProfileStore profiles(m_tmp.filePath(u"nokeychain.ini"_s));
    MemorySecretStore secrets;
    const QString why = u"No keychain is available on this desktop (no Secret Service)."_s;
    secrets.setUnavailable(why);
    ConnectionProfile profile;
    profile.name = u"pw"_s;
    profile.host = m_passwordSettings.host;
    profile.database = m_passwordSettings.database;
    profile.user = passwordRole;
    profiles.save(profile);
    profiles.setLastProfileName(profile.name);

    auto window = windowWith(&profiles, &secrets);
    window->connectionFlow()->start();
    QTRY_VERIFY(window->connectionFlow()->passwordPrompt());
    PasswordPrompt *prompt = window->connectionFlow()->passwordPrompt();
    QCOMPARE(prompt->reasonLabel()->text(), why);
    QVERIFY(!prompt->savePassword());
    QCOMPARE(prompt->findChild<QCheckBox *>(u"savePassword"_s)->toolTip(), why);
    prompt->passwordEdit()->setText(rightPassword);
    prompt->accept();
    QTRY_COMPARE_WITH_TIMEOUT(window->storeClient()->connectionState(), StoreClient::ConnectionState::Connected, 20000);
    QCOMPARE(window->connectionFlow()->keychainProblem(), why);
}

// libpq reads ~/.pgpass ($PGPASSFILE, or passfile=) when the DSN has no
// password: nothing in QueueDesk may set an empty one over it.
void TestConnection::pgpassGivesThePasswordWhenTheDsnHasNone()
{
    const QString passFile = m_tmp.filePath(u"pgpass"_s);
    QFile file(passFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(u"*:*:*:%1:%2\n"_s.arg(passwordRole, rightPassword).toUtf8());
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);   // libpq ignores a pgpass others may read

    ConnectionSettings settings = m_passwordSettings;
    settings.password.clear();
    {
        auto none = Database::open(settings, u"pgpass"_s);
        QVERIFY(!none.ok());   // the cluster does ask for a password
    }
    qputenv("PGPASSFILE", QFile::encodeName(passFile));
    {
        auto fromEnvironment = Database::open(settings, u"pgpass"_s);
        qunsetenv("PGPASSFILE");
        QVERIFY2(fromEnvironment.ok(), qPrintable(fromEnvironment.error().toString()));
    }
    Database::close(u"pgpass"_s);
    auto dsn = ConnectionSettings::fromDsn(u"host=%1 port=%2 dbname=postgres user=%3 passfile=%4"_s
                                               .arg(settings.host).arg(settings.port).arg(passwordRole, passFile));
    QVERIFY2(dsn.ok(), qPrintable(dsn.error().toString()));
    {
        auto fromDsn = Database::open(dsn.value(), u"pgpass"_s);
        QVERIFY2(fromDsn.ok(), qPrintable(fromDsn.error().toString()));
    }
    Database::close(u"pgpass"_s);
}

// A keyword DSN was split on spaces, quotes or not: this one was refused.
void TestConnection::quotedPasswordInAKeywordDsn()
{
    auto admin = QSqlDatabase::database(u"pwadmin"_s);
    QVERIFY(Database::exec(admin, u"CREATE ROLE qdtest_conn_spaces LOGIN PASSWORD 'a b''c\\d'"_s).ok());
    auto dsn = ConnectionSettings::fromDsn(u"host=%1 port=%2 dbname=postgres user=qdtest_conn_spaces "
                                           u"password='a b\\'c\\\\d'"_s.arg(m_passwordSettings.host)
                                               .arg(m_passwordSettings.port));
    QVERIFY2(dsn.ok(), qPrintable(dsn.error().toString()));
    QCOMPARE(dsn->password, u"a b'c\\d"_s);
    {
        auto db = Database::open(dsn.value(), u"spaces"_s);
        QVERIFY2(db.ok(), qPrintable(db.error().toString()));
    }
    Database::close(u"spaces"_s);
}

// prefer talks in clear to whoever answers, or lets a man in the middle
// downgrade it: a new profile for a host on the network verifies the
// server's certificate and name. This machine keeps prefer.
void TestConnection::newProfileTlsModeFollowsTheHost()
{
    ConnectionDialog dialog;
    dialog.serverChoice()->setChecked(true);
    auto *host = dialog.findChild<QLineEdit *>(u"host"_s);
    auto *mode = dialog.findChild<QComboBox *>(u"sslMode"_s);
    QCOMPARE(mode->currentText(), u"prefer"_s);
    for (const QString &remote : {u"db.example.com"_s, u"10.0.0.5"_s, u"2001:db8::1"_s}) {
        host->setText(remote);
        QCOMPARE(dialog.profile().sslMode, u"verify-full"_s);
    }
    for (const QString &local : {u"localhost"_s, u"127.0.0.1"_s, u"::1"_s, u"/run/postgresql"_s, QString()}) {
        host->setText(local);
        QCOMPARE(dialog.profile().sslMode, u"prefer"_s);
    }
    // The operator's choice stays, whatever the host.
    mode->setCurrentText(u"require"_s);
    emit mode->activated(mode->currentIndex());
    host->setText(u"db.example.com"_s);
    QCOMPARE(dialog.profile().sslMode, u"require"_s);
    // A saved profile keeps its mode; one without picks by its host.
    ConnectionProfile saved;
    saved.name = u"old"_s;
    saved.host = u"db.example.com"_s;
    saved.sslMode = u"disable"_s;
    ConnectionDialog editing;
    editing.setProfile(saved);
    host = editing.findChild<QLineEdit *>(u"host"_s);
    host->setText(u"db2.example.com"_s);
    QCOMPARE(editing.profile().sslMode, u"disable"_s);
    saved.sslMode.clear();
    QCOMPARE(saved.settings({}).sslMode, u"verify-full"_s);
    saved.host = u"localhost"_s;
    QCOMPARE(saved.settings({}).sslMode, u"prefer"_s);
}

void TestConnection::firstLaunchLocalStartsTheEmbeddedCluster()
{
    // Under /tmp itself: as root the server runs as an unprivileged user
    // ("queuedesk" or "postgres"), who cannot enter a private temporary folder.
    const QString dir = QDir::tempPath() + u"/qd-conn-local-%1"_s.arg(QCoreApplication::applicationPid());
    ProfileStore profiles(m_tmp.filePath(u"local.ini"_s));
    MemorySecretStore secrets;
    auto window = windowWith(&profiles, &secrets);
    window->connectionFlow()->setLocalDir(dir);
    window->connectionFlow()->start();
    QTRY_VERIFY(window->connectionFlow()->dialog());
    window->connectionFlow()->dialog()->accept();   // Local, as offered
    QSignalSpy checked(window.get(), &MainWindow::schemaChecked);
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 120000);
    QCOMPARE(checked.first().at(0).toInt(), Migrator::latestVersion());   // migrated for us
    QVERIFY(profiles.lastProfile()->isLocal());
    QCOMPARE(secrets.requestCount(), 0);   // no password for the local cluster
    window.reset();
    LocalCluster cluster(dir);
    QVERIFY(cluster.stop().ok());
    QDir(dir).removeRecursively();
}

void TestConnection::schemaMissingOffersCreateSchema()
{
    MainWindow window;
    window.show();
    window.openServer(m_emptySettings, u"empty"_s, false);
    SchemaBanner *banner = window.schemaBanner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
    QVERIFY(banner->label()->text().contains(u"schema is missing"_s));
    QVERIFY(banner->createButton()->isEnabled());
    QSignalSpy checked(&window, &MainWindow::schemaChecked);
    banner->createButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 30000);
    QCOMPARE(checked.first().at(0).toInt(), Migrator::latestVersion());
    QTRY_VERIFY(!banner->isVisible());
    QSqlDatabase db = TestDatabase::connect(m_emptySettings, u"emptycheck"_s);
    auto state = Migrator(db).state();
    QVERIFY(state.ok());
    QCOMPARE(state->current, state->latest);
}

void TestConnection::restrictedRoleCannotCreateSchema()
{
    auto fresh = TestDatabase::create(u"qdtest_connection_empty2"_s, false);
    QVERIFY(fresh.ok());
    ConnectionSettings settings = fresh.value();
    settings.user = viewerRole;
    MainWindow window;
    window.show();
    window.openServer(settings, u"viewer"_s, false);
    QTRY_VERIFY_WITH_TIMEOUT(window.schemaBanner()->isVisible(), 20000);
    QPushButton *create = window.schemaBanner()->createButton();
    QVERIFY(!create->isEnabled());
    QVERIFY2(create->toolTip().contains(u"CREATE privilege"_s), qPrintable(create->toolTip()));
}

void TestConnection::permissionProbeOfRoles()
{
    auto admin = PermissionStore(m_db).probe();
    QVERIFY(admin.ok());
    QVERIFY(admin->superuser && admin->schemaExists && admin->canClaim && admin->canMigrate());
    QVERIFY(admin->canPauseQueues() && admin->canRunWorker());

    QSqlDatabase viewerDb = TestDatabase::connect(as(viewerRole), u"viewer"_s);
    auto viewer = PermissionStore(viewerDb).probe();
    QVERIFY(viewer.ok());
    QCOMPARE(viewer->role, viewerRole);
    QVERIFY(!viewer->superuser);
    QVERIFY(viewer->jobs.select && viewer->queues.select);
    QVERIFY(!viewer->jobs.insert && !viewer->jobs.update && !viewer->jobs.remove && !viewer->queues.update);
    QVERIFY(!viewer->canMigrate());
    QVERIFY(!PermissionProbe::workerDenied(viewer.value()).isEmpty());
}

void TestConnection::restrictedRoleCannotPause()
{
    MainWindow window;
    window.show();
    QSignalSpy access(&window, &MainWindow::accessChanged);
    window.openServer(as(viewerRole), u"viewer"_s, false);
    QueuesPage *page = window.queuesPage();
    QTRY_VERIFY_WITH_TIMEOUT(window.permissionProbe()->hasResult(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 1, 20000);
    page->view()->selectRow(0);
    QVERIFY(!page->pauseAction()->isEnabled());
    QVERIFY(!page->resumeAction()->isEnabled());
    QVERIFY2(page->pauseAction()->toolTip().contains(u"no UPDATE privilege on queuedesk.queues"_s),
             qPrintable(page->pauseAction()->toolTip()));
    QVERIFY(page->pauseAction()->toolTip().contains(viewerRole));
    QVERIFY(!window.newJobAction()->isEnabled());
    QVERIFY(window.newJobAction()->toolTip().contains(u"no INSERT privilege on queuedesk.jobs"_s));
    QVERIFY(!window.newQueueAction()->isEnabled());
    // Not read-only as a whole: each action said why it is off.
    QVERIFY(window.readOnlyReason().isEmpty());
    QVERIFY(!access.isEmpty());
    QVERIFY(!window.schemaBanner()->isVisible());
}

void TestConnection::readOnlyProfileCannotPause()
{
    MainWindow window;
    window.show();
    window.openServer(m_settings, u"superuser, read-only"_s, false, true);
    QueuesPage *page = window.queuesPage();
    QTRY_VERIFY_WITH_TIMEOUT(window.permissionProbe()->hasResult(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 1, 20000);
    page->view()->selectRow(0);
    QVERIFY(!page->pauseAction()->isEnabled());
    QVERIFY2(page->pauseAction()->toolTip().contains(u"read-only"_s), qPrintable(page->pauseAction()->toolTip()));
    QVERIFY(!window.newJobAction()->isEnabled());
    QCOMPARE(window.newJobAction()->toolTip(), window.readOnlyReason());
}

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
