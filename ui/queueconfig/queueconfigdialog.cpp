#include "queueconfigdialog.h"

#include "queue/newjob.h"
#include "queue/queuestore.h"
#include "store/storeclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace QueueDesk {

namespace {

struct FieldInfo
{
    const char *objectName;
    const char *label;
    const char *placeholder;
};

// Indexed by QueueConfigDialog::Field.
constexpr FieldInfo Fields[] = {
    {"name", QT_TRANSLATE_NOOP("QueueConfigDialog", "Name"), ""},
    {"description", QT_TRANSLATE_NOOP("QueueConfigDialog", "Description"), ""},
    {"concurrency", QT_TRANSLATE_NOOP("QueueConfigDialog", "Concurrency"), QT_TRANSLATE_NOOP("QueueConfigDialog", "no limit")},
    {"rateLimit", QT_TRANSLATE_NOOP("QueueConfigDialog", "Rate limit (jobs/minute)"), QT_TRANSLATE_NOOP("QueueConfigDialog", "no limit")},
    {"perStoreLimit", QT_TRANSLATE_NOOP("QueueConfigDialog", "Per-store limit per claim"), QT_TRANSLATE_NOOP("QueueConfigDialog", "no limit")},
    {"storeConcurrency", QT_TRANSLATE_NOOP("QueueConfigDialog", "Store concurrency"), QT_TRANSLATE_NOOP("QueueConfigDialog", "no limit")},
    {"maxAttempts", QT_TRANSLATE_NOOP("QueueConfigDialog", "Max attempts"), ""},
    {"backoffBase", QT_TRANSLATE_NOOP("QueueConfigDialog", "Backoff base (ms)"), ""},
    {"backoffMax", QT_TRANSLATE_NOOP("QueueConfigDialog", "Backoff max (ms)"), ""},
    {"keepCompleted", QT_TRANSLATE_NOOP("QueueConfigDialog", "Keep completed (newest)"), ""},
    {"keepCompletedAge", QT_TRANSLATE_NOOP("QueueConfigDialog", "Keep completed for (s)"), ""},
    {"keepFailed", QT_TRANSLATE_NOOP("QueueConfigDialog", "Keep failed (newest)"), ""},
    {"keepFailedAge", QT_TRANSLATE_NOOP("QueueConfigDialog", "Keep failed for (s)"), ""},
};

QString optionalText(const std::optional<int> &value)
{
    return value ? QString::number(*value) : QString();
}

} // namespace

QueueConfigDialog::QueueConfigDialog(StoreClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_health(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("New queue"));
    buildForm();
    setConfig(QueueConfig{}, false);
}

void QueueConfigDialog::buildForm()
{
    auto *form = new QFormLayout;
    for (int i = 0; i < FieldCount; ++i) {
        m_fields[i] = new QLineEdit(this);
        m_fields[i]->setObjectName(QString::fromLatin1(Fields[i].objectName));
        m_fields[i]->setPlaceholderText(tr(Fields[i].placeholder));
        form->addRow(tr(Fields[i].label), m_fields[i]);
        connect(m_fields[i], &QLineEdit::textChanged, this, &QueueConfigDialog::revalidate);
    }
    m_health->setObjectName(u"health"_s);
    m_health->setPlaceholderText(u"{\"failure_rate\": 0.1, \"max_waiting\": 100, \"slow_factor\": 2, \"no_worker\": true}"_s);
    m_health->setMaximumHeight(80);
    form->addRow(tr("Health thresholds (JSON)"), m_health);
    connect(m_health, &QPlainTextEdit::textChanged, this, &QueueConfigDialog::revalidate);
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b3261e;"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QueueConfigDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QueueConfigDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void QueueConfigDialog::setConfig(const QueueConfig &config, bool existing)
{
    m_original = config;
    m_existing = existing;
    setWindowTitle(existing ? tr("Edit queue %1").arg(config.name) : tr("New queue"));
    m_fields[Name]->setReadOnly(existing);
    m_fields[Name]->setText(config.name);
    m_fields[Description]->setText(config.description);
    m_fields[Concurrency]->setText(optionalText(config.concurrency));
    m_fields[RateLimit]->setText(optionalText(config.rateLimit));
    m_fields[PerStoreLimit]->setText(optionalText(config.perStoreLimit));
    m_fields[StoreConcurrency]->setText(optionalText(config.storeConcurrency));
    m_fields[MaxAttempts]->setText(QString::number(config.maxAttempts));
    m_fields[BackoffBase]->setText(QString::number(config.backoffBaseMs));
    m_fields[BackoffMax]->setText(QString::number(config.backoffMaxMs));
    m_fields[KeepCompleted]->setText(QString::number(config.keepCompleted));
    m_fields[KeepCompletedAge]->setText(QString::number(config.keepCompletedAgeSeconds));
    m_fields[KeepFailed]->setText(QString::number(config.keepFailed));
    m_fields[KeepFailedAge]->setText(QString::number(config.keepFailedAgeSeconds));
    m_health->setPlainText(config.health.isEmpty() ? QString()
                                                   : QString::fromUtf8(QJsonDocument(config.health).toJson()));
    m_loaded = true;
    revalidate();
}

void QueueConfigDialog::loadQueue(const QString &name)
{
    m_loaded = false;
    setWindowTitle(tr("Edit queue %1").arg(name));
    using Reply = Result<QueueConfig>;
    m_client->run<Reply>(this, u"queueconfig"_s, [name](QSqlDatabase &db) -> Reply { return QueueStore(db).get(name); },
                                       [this](const Reply &config) {
                                           if (!config) {
                                               m_error->setText(config.error().message);
                                               return;
                                           }
                                           setConfig(config.value(), true);
                                       });
}

Result<QueueConfig> QueueConfigDialog::readConfig() const
{
    QueueConfig config = m_original;
    config.name = m_fields[Name]->text().trimmed();
    config.description = m_fields[Description]->text().trimmed();
    Error bad;
    auto number = [&](Field which) -> std::optional<qint64> {
        const QString text = m_fields[which]->text().trimmed();
        if (text.isEmpty())
            return std::nullopt;
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if ((!ok || value > std::numeric_limits<int>::max() || value < std::numeric_limits<int>::min()) && !bad.isError())
            bad = Error(Error::Code::InvalidArgument, tr("%1: \"%2\" is not a whole number.").arg(tr(Fields[which].label), text));
        return ok ? std::optional<qint64>(value) : std::nullopt;
    };
    auto optionalInt = [&](Field which) -> std::optional<int> {
        const auto value = number(which);
        return value ? std::optional<int>(int(*value)) : std::nullopt;
    };
    auto required = [&](Field which, qint64 fallback) -> qint64 {
        const auto value = number(which);
        if (!value && !bad.isError())
            bad = Error(Error::Code::InvalidArgument, tr("%1 is required.").arg(tr(Fields[which].label)));
        return value.value_or(fallback);
    };
    config.concurrency = optionalInt(Concurrency);
    config.rateLimit = optionalInt(RateLimit);
    config.perStoreLimit = optionalInt(PerStoreLimit);
    config.storeConcurrency = optionalInt(StoreConcurrency);
    config.maxAttempts = int(required(MaxAttempts, config.maxAttempts));
    config.backoffBaseMs = int(required(BackoffBase, config.backoffBaseMs));
    config.backoffMaxMs = int(required(BackoffMax, config.backoffMaxMs));
    config.keepCompleted = int(required(KeepCompleted, config.keepCompleted));
    config.keepCompletedAgeSeconds = required(KeepCompletedAge, config.keepCompletedAgeSeconds);
    config.keepFailed = int(required(KeepFailed, config.keepFailed));
    config.keepFailedAgeSeconds = required(KeepFailedAge, config.keepFailedAgeSeconds);
    if (bad.isError())
        return bad;
    auto health = NewJob::parsePayload(m_health->toPlainText());
    if (!health)
        return Error(Error::Code::InvalidArgument, tr("Health thresholds: %1").arg(health.error().message));
    config.health = health.value();
    if (Status valid = config.validate(); !valid)
        return valid.error();
    return config;
}

QString QueueConfigDialog::errorText() const
{
    return m_error->text();
}

void QueueConfigDialog::revalidate()
{
    const Result<QueueConfig> config = readConfig();
    m_error->setText(config ? QString() : config.error().message);
}

void QueueConfigDialog::accept()
{
    const Result<QueueConfig> config = readConfig();
    if (!config) {
        m_error->setText(config.error().message);
        return;
    }
    if (!m_loaded || m_saving)
        return;
    m_saving = true;
    const bool existing = m_existing;
    m_client->run<Status>(this, {}, [existing, value = config.value()](QSqlDatabase &db) {
        QueueStore store(db);
        return existing ? store.update(value) : store.create(value);
    }, [this, name = config->name](const Status &status) {
        m_saving = false;
        if (!status) {
            m_error->setText(status.error().message);
            return;
        }
        emit saved(name);
        QDialog::accept();
    });
}

} // namespace QueueDesk
