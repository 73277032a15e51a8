#include "newjobdialog.h"

#include "queue/jobstore.h"
#include "store/storeclient.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace QueueDesk {

NewJobDialog::NewJobDialog(StoreClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_queue(new QueueNameBox(client, this))
    , m_type(new QComboBox(this))
    , m_payload(new QPlainTextEdit(this))
    , m_payloadError(new QLabel(this))
    , m_priority(new QSpinBox(this))
    , m_store(new QLineEdit(this))
    , m_when(new QComboBox(this))
    , m_delay(new QSpinBox(this))
    , m_runAt(new QDateTimeEdit(this))
    , m_maxAttempts(new QSpinBox(this))
    , m_uniqueKey(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("New job"));
    buildForm();
    connect(m_queue, &QueueNameBox::loadFailed, m_error, &QLabel::setText);
    m_queue->reload();
    validatePayload();
}

// The handlers registerBuiltinHandlers() installs in every engine.
QStringList NewJobDialog::builtinTypes()
{
    return {u"noop"_s, u"sleep"_s, u"fail"_s, u"http"_s, u"command"_s, u"sql"_s};
}

void NewJobDialog::buildForm()
{
    m_type->setEditable(true);
    m_type->addItems(builtinTypes());
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setPlainText(u"{}"_s);
    m_payloadError->setWordWrap(true);
    m_payloadError->setStyleSheet(u"color: #b3261e;"_s);
    m_priority->setRange(-1000000, 1000000);
    m_store->setPlaceholderText(tr("none"));
    m_when->addItem(tr("Now"), int(When::Now));
    m_when->addItem(tr("After a delay"), int(When::Delay));
    m_when->addItem(tr("At a date and time"), int(When::At));
    m_delay->setRange(0, 365 * 86400);
    m_delay->setSuffix(tr(" s"));
    m_runAt->setCalendarPopup(true);
    m_runAt->setDateTime(QDateTime::currentDateTime().addSecs(3600));
    m_maxAttempts->setRange(0, 1000);
    m_maxAttempts->setSpecialValueText(tr("queue default"));
    m_uniqueKey->setPlaceholderText(tr("none"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b3261e;"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Queue"), m_queue);
    form->addRow(tr("Type"), m_type);
    form->addRow(tr("Payload (JSON)"), m_payload);
    form->addRow(QString(), m_payloadError);
    form->addRow(tr("Priority"), m_priority);
    form->addRow(tr("Store"), m_store);
    form->addRow(tr("Run"), m_when);
    form->addRow(tr("Delay"), m_delay);
    form->addRow(tr("Run at"), m_runAt);
    form->addRow(tr("Max attempts"), m_maxAttempts);
    form->addRow(tr("Unique key"), m_uniqueKey);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Enqueue"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewJobDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewJobDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_payload, &QPlainTextEdit::textChanged, this, &NewJobDialog::validatePayload);
    connect(m_when, &QComboBox::currentIndexChanged, this, [this] {
        const auto when = When(m_when->currentData().toInt());
        m_delay->setEnabled(when == When::Delay);
        m_runAt->setEnabled(when == When::At);
    });
    setWhen(When::Now);
}

void NewJobDialog::setWhen(When when)
{
    m_when->setCurrentIndex(m_when->findData(int(when)));
    m_delay->setEnabled(when == When::Delay);
    m_runAt->setEnabled(when == When::At);
}

void NewJobDialog::validatePayload()
{
    const auto payload = NewJob::parsePayload(m_payload->toPlainText());
    m_payloadError->setText(payload ? QString() : payload.error().message);
    m_ok->setEnabled(payload.ok());
}

QString NewJobDialog::payloadErrorText() const
{
    return m_payloadError->text();
}

QString NewJobDialog::errorText() const
{
    return m_error->text();
}

Result<NewJob> NewJobDialog::readJob() const
{
    auto payload = NewJob::parsePayload(m_payload->toPlainText());
    if (!payload)
        return payload.error();
    NewJob job;
    job.queue = m_queue->currentText();
    job.type = m_type->currentText().trimmed();
    job.payload = payload.value();
    job.priority = m_priority->value();
    job.store = m_store->text().trimmed();
    switch (When(m_when->currentData().toInt())) {
    case When::Now: break;
    case When::Delay: job.delayMs = qint64(m_delay->value()) * 1000; break;
    case When::At: job.runAt = m_runAt->dateTime().toUTC(); break;
    }
    if (m_maxAttempts->value() > 0)
        job.maxAttempts = m_maxAttempts->value();
    job.uniqueKey = m_uniqueKey->text().trimmed();
    job.createdBy = u"queuedesk"_s;
    if (job.queue.isEmpty())
        return Error(Error::Code::UnknownQueue, tr("Choose a queue."));
    if (Status valid = job.validate(); !valid)
        return valid.error();
    return job;
}

QString NewJobDialog::describe(const Error &error)
{
    switch (error.code) {
    case Error::Code::UniqueConflict:
        return tr("Not enqueued: another unfinished job already holds this unique key. %1").arg(error.message);
    case Error::Code::UnknownQueue:
        return tr("Not enqueued: the queue does not exist. %1").arg(error.message);
    default:
        return tr("Not enqueued: %1").arg(error.message);
    }
}

void NewJobDialog::accept()
{
    const Result<NewJob> job = readJob();
    if (!job) {
        m_error->setText(describe(job.error()));
        return;
    }
    if (m_saving)
        return;
    m_saving = true;
    m_error->clear();
    using Reply = Result<qint64>;
    m_client->run<Reply>(this, {}, [value = job.value()](QSqlDatabase &db) -> Reply {
        return JobStore(db).enqueue(value);
    }, [this](const Reply &id) {
        m_saving = false;
        if (!id) {
            m_error->setText(describe(id.error()));
            return;
        }
        emit enqueued(id.value());
        QDialog::accept();
    });
}

} // namespace QueueDesk
