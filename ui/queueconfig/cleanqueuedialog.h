#pragma once

#include "queue/job.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace QueueDesk {

class StoreClient;

// Deletes a queue's finished jobs of one state older than an age
// (JobActionStore::clean). Tests set the fields and call accept().
class CleanQueueDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CleanQueueDialog)

public:
    CleanQueueDialog(StoreClient *client, const QString &queue, QWidget *parent = nullptr);

    void setState(JobState state);
    void setOlderThanHours(int hours);
    QString resultText() const;

    void accept() override;

signals:
    void cleaned(qint64 deleted);

private:
    StoreClient *m_client;
    QString m_queue;
    QComboBox *m_state;
    QSpinBox *m_hours;
    QLabel *m_result;
    bool m_running = false;
};

} // namespace QueueDesk
