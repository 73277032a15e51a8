#include "scheduledialog.h"

#include "engine/cron/cronexpression.h"
#include "engine/scheduler/scheduleservice.h"
#include "engine/scheduler/systemclock.h"
#include "newjob/newjobdialog.h"
#include "queue/newjob.h"
#include "store/storeclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

namespace QueueDesk {

namespace {

constexpr int PreviewCount = 5;

void markError(QLabel *label)
{
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #b3261e;"_s);
}

} // namespace

ScheduleDialog::ScheduleDialog(StoreClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_name(new QLineEdit(this))
    , m_queue(new QueueNameBox(client, this))
    , m_type(new QComboBox(this))
    , m_payload(new QPlainTextEdit(this))
    , m_cron(new QLineEdit(this))
    , m_cronError(new QLabel(this))
    , m_description(new QLabel(this))
    , m_zone(new QComboBox(this))
    , m_previewList(new QListWidget(this))
    , m_priority(new QSpinBox(this))
    , m_store(new QLineEdit(this))
    , m_missed(new QComboBox(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_error(new QLabel(this))
{
    buildForm();
    setSchedule(Schedule{}, false);
    connect(m_queue, &QueueNameBox::loadFailed, m_error, &QLabel::setText);
    m_queue->reload();
}

void ScheduleDialog::buildForm()
{
    m_queue->setEditable(true);
    m_type->setEditable(true);
    m_type->addItems(NewJobDialog::builtinTypes());
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setMaximumHeight(90);
    m_cron->setPlaceholderText(u"*/15 * * * *"_s);
    markError(m_cronError);
    markError(m_error);
    m_zone->setEditable(true);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id));
    m_previewList->setMaximumHeight(110);
    m_priority->setRange(-1000000, 1000000);
    m_store->setPlaceholderText(tr("none"));
    m_missed->addItem(tr("Skip missed fires"), int(MissedPolicy::Skip));
    m_missed->addItem(tr("Catch up once"), int(MissedPolicy::CatchUpOnce));

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Queue"), m_queue);
    form->addRow(tr("Type"), m_type);
    form->addRow(tr("Payload (JSON)"), m_payload);
    form->addRow(tr("Cron"), m_cron);
    form->addRow(QString(), m_cronError);
    form->addRow(QString(), m_description);
    form->addRow(tr("Time zone"), m_zone);
    form->addRow(tr("Next fires"), m_previewList);
    form->addRow(tr("Priority"), m_priority);
    form->addRow(tr("Store"), m_store);
    form->addRow(tr("Missed fires"), m_missed);
    form->addRow(QString(), m_enabled);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ScheduleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ScheduleDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(m_cron, &QLineEdit::textChanged, this, &ScheduleDialog::updatePreview);
    connect(m_zone, &QComboBox::currentTextChanged, this, &ScheduleDialog::updatePreview);
}

void ScheduleDialog::setSchedule(const Schedule &schedule, bool existing)
{
    m_original = schedule;
    m_existing = existing;
    setWindowTitle(existing ? tr("Edit schedule %1").arg(schedule.name) : tr("New schedule"));
    m_name->setText(schedule.name);
    m_name->setReadOnly(existing);
    m_queue->setCurrentText(schedule.queue);
    m_type->setCurrentText(schedule.type);
    m_payload->setPlainText(QString::fromUtf8(QJsonDocument(schedule.payload).toJson(QJsonDocument::Compact)));
    m_zone->setCurrentText(schedule.timezone);
    m_cron->setText(schedule.cron);
    m_priority->setValue(schedule.priority);
    m_store->setText(schedule.store);
    m_missed->setCurrentIndex(m_missed->findData(int(schedule.missedPolicy)));
    m_enabled->setChecked(schedule.enabled);
    updatePreview();
}

// Pure computation on the GUI thread: parsing and fire times need no SQL.
void ScheduleDialog::updatePreview()
{
    m_preview.clear();
    m_previewList->clear();
    m_description->clear();
    const QString text = m_cron->text().trimmed();
    if (text.isEmpty()) {
        m_cronError->setText(tr("Enter a cron expression, e.g. */15 * * * * or @daily."));
        return;
    }
    const auto cron = CronExpression::parse(text);
    if (!cron) {
        m_cronError->setText(cron.error().message);
        return;
    }
    const QTimeZone zone(m_zone->currentText().trimmed().toUtf8());
    if (!zone.isValid()) {
        m_cronError->setText(tr("\"%1\" is not a known time zone.").arg(m_zone->currentText()));
        return;
    }
    m_cronError->clear();
    m_description->setText(cron->describe());
    m_preview = cron->nextTimes(QDateTime::currentDateTimeUtc(), zone, PreviewCount);
    for (const QDateTime &at : m_preview)
        m_previewList->addItem(at.toTimeZone(zone).toString(u"ddd yyyy-MM-dd HH:mm t"_s));
    if (m_preview.isEmpty())
        m_previewList->addItem(tr("Never fires"));
}

QString ScheduleDialog::cronErrorText() const { return m_cronError->text(); }
QString ScheduleDialog::errorText() const { return m_error->text(); }
QString ScheduleDialog::descriptionText() const { return m_description->text(); }

QStringList ScheduleDialog::previewTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_previewList->count(); ++i)
        texts.append(m_previewList->item(i)->text());
    return texts;
}

Result<Schedule> ScheduleDialog::readSchedule() const
{
    Schedule schedule = m_original;
    schedule.name = m_name->text().trimmed();
    schedule.queue = m_queue->currentText().trimmed();
    schedule.type = m_type->currentText().trimmed();
    auto payload = NewJob::parsePayload(m_payload->toPlainText());
    if (!payload)
        return payload.error();
    schedule.payload = payload.value();
    schedule.cron = m_cron->text().trimmed();
    schedule.timezone = m_zone->currentText().trimmed();
    schedule.priority = m_priority->value();
    schedule.store = m_store->text().trimmed();
    schedule.missedPolicy = MissedPolicy(m_missed->currentData().toInt());
    schedule.enabled = m_enabled->isChecked();
    if (Status valid = ScheduleService::validate(schedule); !valid)
        return valid.error();
    return schedule;
}

void ScheduleDialog::accept()
{
    const Result<Schedule> schedule = readSchedule();
    if (!schedule) {
        m_error->setText(schedule.error().message);
        return;
    }
    if (m_saving)
        return;
    m_saving = true;
    m_error->clear();
    const bool existing = m_existing;
    using Reply = Result<Schedule>;
    m_client->run<Reply>(this, {}, [existing, value = schedule.value()](QSqlDatabase &db) -> Reply {
        ScheduleService service(db, std::make_shared<SystemClock>());
        return existing ? service.update(value) : service.create(value);
    }, [this](const Reply &saved) {
        m_saving = false;
        if (!saved) {
            m_error->setText(saved.error().message);
            return;
        }
        emit this->saved(saved->name);
        QDialog::accept();
    });
}

} // namespace QueueDesk
