#pragma once

#include "queue/newjob.h"
#include "queues/queuenamebox.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace QueueDesk {

class StoreClient;

// Enqueues one job: queue, type (a built-in handler's name or any text),
// payload as JSON checked while typing (OK stays off while it is wrong),
// priority, store, when to run, max attempts and a unique key. Tests fill
// the widgets (the accessors) and call accept() without exec().
class NewJobDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewJobDialog)

public:
    enum class When { Now, Delay, At };

    explicit NewJobDialog(StoreClient *client, QWidget *parent = nullptr);

    static QStringList builtinTypes();

    QueueNameBox *queueBox() const { return m_queue; }
    QComboBox *typeBox() const { return m_type; }
    QPlainTextEdit *payloadEditor() const { return m_payload; }
    QSpinBox *priorityBox() const { return m_priority; }
    QLineEdit *storeEdit() const { return m_store; }
    QSpinBox *delayBox() const { return m_delay; }
    QDateTimeEdit *runAtEdit() const { return m_runAt; }
    QSpinBox *maxAttemptsBox() const { return m_maxAttempts; }
    QLineEdit *uniqueKeyEdit() const { return m_uniqueKey; }
    QPushButton *okButton() const { return m_ok; }
    void setWhen(When when);
    bool queuesLoaded() const { return m_queue->isLoaded(); }
    QString payloadErrorText() const;
    QString errorText() const;

    // The job the fields describe, or why they do not describe one.
    Result<NewJob> readJob() const;
    void accept() override;

signals:
    void enqueued(qint64 id);

private:
    void buildForm();
    void validatePayload();
    static QString describe(const Error &error);

    StoreClient *m_client;
    QueueNameBox *m_queue;
    QComboBox *m_type;
    QPlainTextEdit *m_payload;
    QLabel *m_payloadError;
    QSpinBox *m_priority;
    QLineEdit *m_store;
    QComboBox *m_when;
    QSpinBox *m_delay;
    QDateTimeEdit *m_runAt;
    QSpinBox *m_maxAttempts;
    QLineEdit *m_uniqueKey;
    QLabel *m_error;
    QPushButton *m_ok = nullptr;
    bool m_saving = false;
};

} // namespace QueueDesk
