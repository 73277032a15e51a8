#include "jobclonedialog.h"

#include "queue/newjob.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace QueueDesk {

JobCloneDialog::JobCloneDialog(qint64 jobId, const QJsonObject &payload, QWidget *parent)
    : QDialog(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Clone job %1").arg(jobId));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlainText(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Indented)));
    m_error->setObjectName(u"payloadError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b00020"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Clone"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Payload of the new job (a JSON object):"), this));
    layout->addWidget(m_editor);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &JobCloneDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

QString JobCloneDialog::payloadText() const
{
    return m_editor->toPlainText();
}

void JobCloneDialog::setPayloadText(const QString &text)
{
    m_editor->setPlainText(text);
}

QString JobCloneDialog::errorText() const
{
    return m_error->text();
}

void JobCloneDialog::validate()
{
    const auto parsed = NewJob::parsePayload(payloadText());
    m_error->setText(parsed ? QString() : parsed.error().message);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(parsed.ok());
}

} // namespace QueueDesk
