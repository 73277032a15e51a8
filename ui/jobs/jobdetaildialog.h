#pragma once

#include "queue/job.h"
#include "queue/waitreason.h"
#include "util/error.h"

#include <QDialog>

class QLabel;
class QTextBrowser;

namespace QueueDesk {

class StoreClient;

// Everything about one job: every field, payload, result and progress as
// indented JSON, each attempt's error with its worker and time, a timeline,
// and why it is not running now (WaitExplainer). Read on the store thread;
// Refresh reads again.
class JobDetailDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobDetailDialog)

public:
    JobDetailDialog(StoreClient *client, qint64 jobId, QWidget *parent = nullptr);

    qint64 jobId() const { return m_jobId; }
    QString text() const;
    bool isLoaded() const { return m_loaded; }

    static QString render(const Job &job, const QList<WaitReason> &reasons);

signals:
    void loaded();

public slots:
    void refresh();

private:
    struct Detail
    {
        Result<Job> job = Job();
        Result<QList<WaitReason>> reasons = QList<WaitReason>();
    };

    static QString fieldsHtml(const Job &job);
    static QString timelineHtml(const Job &job);
    static QString attemptsHtml(const Job &job);
    static QString jsonBlock(const QString &title, const QJsonObject &object);

    StoreClient *m_client;
    qint64 m_jobId;
    QTextBrowser *m_browser;
    bool m_loaded = false;
};

} // namespace QueueDesk
