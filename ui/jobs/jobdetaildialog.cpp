#include "jobdetaildialog.h"

#include "queue/jobstore.h"
#include "queue/waitexplainer.h"
#include "store/storeclient.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace QueueDesk {

namespace {

QString when(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) : QString();
}

QString row(const QString &name, const QString &value)
{
    return u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

JobDetailDialog::JobDetailDialog(StoreClient *client, qint64 jobId, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_jobId(jobId)
    , m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("Job %1").arg(jobId));
    setObjectName(u"jobDetail"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    resize(720, 640);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *refreshButton = buttons->addButton(tr("Refresh"), QDialogButtonBox::ActionRole);
    refreshButton->setShortcut(QKeySequence::Refresh);
    connect(refreshButton, &QPushButton::clicked, this, &JobDetailDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    m_browser->setPlainText(tr("Loading…"));
    refresh();
}

QString JobDetailDialog::text() const
{
    return m_browser->toPlainText();
}

void JobDetailDialog::refresh()
{
    const qint64 id = m_jobId;
    m_client->run<Detail>(
        this, u"job-detail"_s,
        [id](QSqlDatabase &db) {
            Detail detail;
            detail.job = JobStore(db).job(id);
            if (detail.job)
                detail.reasons = WaitExplainer(db).explain(id);
            return detail;
        },
        [this](const Detail &detail) {
            if (!detail.job)
                m_browser->setPlainText(detail.job.error().message);
            else if (!detail.reasons)
                m_browser->setHtml(render(detail.job.value(), {{WaitReason::Code::NotWaiting,
                                                                detail.reasons.error().message}}));
            else
                m_browser->setHtml(render(detail.job.value(), detail.reasons.value()));
            m_loaded = true;
            emit loaded();
        });
}

QString JobDetailDialog::render(const Job &job, const QList<WaitReason> &reasons)
{
    QString html = u"<h3>%1</h3>"_s.arg(tr("Job %1 · %2 · %3").arg(job.id).arg(job.type, jobStateName(job.state))
                                             .toHtmlEscaped());
    html += u"<h4>%1</h4><ul>"_s.arg(tr("Why it is not running"));
    if (reasons.isEmpty())
        html += u"<li>%1</li>"_s.arg(tr("Nothing holds it back: the next claim on its queue should take it."));
    for (const WaitReason &reason : reasons)
        html += u"<li>%1</li>"_s.arg(reason.message.toHtmlEscaped());
    html += u"</ul>"_s;
    html += fieldsHtml(job) + timelineHtml(job) + attemptsHtml(job);
    html += jsonBlock(tr("Payload"), job.payload);
    html += jsonBlock(tr("Result"), job.result);
    html += jsonBlock(tr("Progress"), job.progress);
    return html;
}

QString JobDetailDialog::fieldsHtml(const Job &job)
{
    QString html = u"<h4>%1</h4><table cellspacing=4>"_s.arg(tr("Fields"));
    html += row(tr("ID"), QString::number(job.id)) + row(tr("Queue"), job.queue) + row(tr("Type"), job.type);
    html += row(tr("State"), jobStateName(job.state)) + row(tr("Store"), job.store);
    html += row(tr("Priority"), QString::number(job.priority));
    html += row(tr("Attempts"), u"%1 of %2"_s.arg(job.attempts).arg(job.maxAttempts));
    html += row(tr("Run at"), when(job.runAt)) + row(tr("Created"), when(job.createdAt));
    html += row(tr("Started"), when(job.startedAt)) + row(tr("Finished"), when(job.finishedAt));
    html += row(tr("Ready sequence"), QString::number(job.readySeq));
    html += row(tr("Unique key"), job.uniqueKey);
    html += row(tr("Parent"), job.parentId ? QString::number(job.parentId) : QString());
    html += row(tr("Created by"), job.createdBy) + row(tr("Locked by"), job.lockedBy);
    html += row(tr("Lease until"), when(job.leaseUntil));
    html += row(tr("Cancel requested"), job.cancelRequested ? tr("yes") : tr("no"));
    html += row(tr("Progress"), job.progressPercent < 0 ? QString() : u"%1 %"_s.arg(job.progressPercent));
    return html + u"</table>"_s;
}

QString JobDetailDialog::timelineHtml(const Job &job)
{
    // The schema keeps the last start and each failure, not earlier starts.
    QList<std::pair<QDateTime, QString>> events{{job.createdAt, tr("created")}};
    for (const QJsonValue &value : job.errors) {
        const QJsonObject error = value.toObject();
        events.append({QDateTime::fromString(error.value(u"at"_s).toString(), Qt::ISODateWithMs),
                       tr("attempt %1 failed on %2").arg(error.value(u"attempt"_s).toInt())
                           .arg(error.value(u"worker"_s).toString())});
    }
    if (job.startedAt.isValid())
        events.append({job.startedAt, tr("attempt %1 started on %2").arg(job.attempts).arg(job.lockedBy)});
    if (job.finishedAt.isValid())
        events.append({job.finishedAt, tr("finished: %1").arg(jobStateName(job.state))});
    std::stable_sort(events.begin(), events.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QString html = u"<h4>%1</h4><table cellspacing=4>"_s.arg(tr("Timeline"));
    for (const auto &[time, what] : events)
        html += row(when(time), what);
    return html + u"</table>"_s;
}

QString JobDetailDialog::attemptsHtml(const Job &job)
{
    if (job.errors.isEmpty())
        return {};
    QString html = u"<h4>%1</h4><table cellspacing=4><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>"_s
                       .arg(tr("Errors"), tr("Attempt"), tr("Worker"), tr("Time"), tr("Error"));
    for (const QJsonValue &value : job.errors) {
        const QJsonObject e = value.toObject();
        html += u"<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>"_s
                    .arg(e.value(u"attempt"_s).toInt())
                    .arg(e.value(u"worker"_s).toString().toHtmlEscaped(),
                         when(QDateTime::fromString(e.value(u"at"_s).toString(), Qt::ISODateWithMs)),
                         e.value(u"message"_s).toString().toHtmlEscaped());
    }
    return html + u"</table>"_s;
}

QString JobDetailDialog::jsonBlock(const QString &title, const QJsonObject &object)
{
    const QString text = object.isEmpty() ? tr("(none)")
                                          : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    return u"<h4>%1</h4><pre>%2</pre>"_s.arg(title.toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace QueueDesk
