#pragma once

#include "queue/schedule.h"
#include "queues/queuenamebox.h"

#include <QDateTime>
#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace QueueDesk {

class StoreClient;

// Adds a schedule or edits one. The cron expression is parsed as it is typed:
// its error under the field, or its description and the next five fire
// times in the chosen time zone. Nothing is saved while anything is wrong.
// Tests fill the widgets and call accept() without exec().
class ScheduleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDialog)

public:
    explicit ScheduleDialog(StoreClient *client, QWidget *parent = nullptr);

    void setSchedule(const Schedule &schedule, bool existing);

    QLineEdit *nameEdit() const { return m_name; }
    QueueNameBox *queueBox() const { return m_queue; }
    QComboBox *typeBox() const { return m_type; }
    QPlainTextEdit *payloadEditor() const { return m_payload; }
    QLineEdit *cronEdit() const { return m_cron; }
    QComboBox *zoneBox() const { return m_zone; }
    QSpinBox *priorityBox() const { return m_priority; }
    QLineEdit *storeEdit() const { return m_store; }
    QComboBox *missedBox() const { return m_missed; }
    QCheckBox *enabledBox() const { return m_enabled; }
    bool queuesLoaded() const { return m_queue->isLoaded(); }

    QString cronErrorText() const;
    QString errorText() const;
    QString descriptionText() const;
    // The next five fires (UTC) of the expression in the zone, as previewed.
    QList<QDateTime> previewTimes() const { return m_preview; }
    QStringList previewTexts() const;

    Result<Schedule> readSchedule() const;
    void accept() override;

signals:
    void saved(const QString &name);

private:
    void buildForm();
    void updatePreview();

    StoreClient *m_client;
    QLineEdit *m_name;
    QueueNameBox *m_queue;
    QComboBox *m_type;
    QPlainTextEdit *m_payload;
    QLineEdit *m_cron;
    QLabel *m_cronError;
    QLabel *m_description;
    QComboBox *m_zone;
    QListWidget *m_previewList;
    QSpinBox *m_priority;
    QLineEdit *m_store;
    QComboBox *m_missed;
    QCheckBox *m_enabled;
    QLabel *m_error;
    Schedule m_original;
    QList<QDateTime> m_preview;
    bool m_existing = false;
    bool m_saving = false;
};

} // namespace QueueDesk
