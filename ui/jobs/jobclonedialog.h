#pragma once

#include <QDialog>
#include <QJsonObject>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace QueueDesk {

// Edits the payload of a job about to be cloned; the text is checked as
// it is typed (NewJob::parsePayload) and OK stays off while it is not a
// JSON object.
class JobCloneDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobCloneDialog)

public:
    JobCloneDialog(qint64 jobId, const QJsonObject &payload, QWidget *parent = nullptr);

    QString payloadText() const;
    void setPayloadText(const QString &text);
    QString errorText() const;

private:
    void validate();

    QPlainTextEdit *m_editor;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace QueueDesk
