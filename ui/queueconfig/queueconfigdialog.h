#pragma once

#include "queue/queueconfig.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace QueueDesk {

class StoreClient;

// Creates a queue or edits one's configuration: limits, retries, retention
// and health thresholds. The numbers are checked with QueueConfig::validate()
// as they are typed; nothing is saved while they are wrong. Tests fill the
// fields (field()) and call accept() without exec().
class QueueConfigDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueConfigDialog)

public:
    enum Field {
        Name, Description, Concurrency, RateLimit, PerStoreLimit, StoreConcurrency, MaxAttempts,
        BackoffBase, BackoffMax, KeepCompleted, KeepCompletedAge, KeepFailed, KeepFailedAge, FieldCount
    };

    explicit QueueConfigDialog(StoreClient *client, QWidget *parent = nullptr);

    // Edits an existing queue: reads it, then fills the fields.
    void loadQueue(const QString &name);
    void setConfig(const QueueConfig &config, bool existing);
    bool isLoaded() const { return m_loaded; }
    QLineEdit *field(Field which) const { return m_fields[which]; }
    QPlainTextEdit *healthEditor() const { return m_health; }
    QString errorText() const;
    // The fields as a configuration, or why they do not make one.
    Result<QueueConfig> readConfig() const;

    void accept() override;

signals:
    void saved(const QString &queue);

private:
    void buildForm();
    void revalidate();

    StoreClient *m_client;
    QLineEdit *m_fields[FieldCount] = {};
    QPlainTextEdit *m_health;
    QLabel *m_error;
    QueueConfig m_original;
    bool m_existing = false;
    bool m_loaded = true;
    bool m_saving = false;
};

} // namespace QueueDesk
