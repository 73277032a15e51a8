#include "cleanqueuedialog.h"

#include "queue/jobactionstore.h"
#include "store/storeclient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

namespace QueueDesk {

CleanQueueDialog::CleanQueueDialog(StoreClient *client, const QString &queue, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_queue(queue)
    , m_state(new QComboBox(this))
    , m_hours(new QSpinBox(this))
    , m_result(new QLabel(this))
{
    setWindowTitle(tr("Clean queue %1").arg(queue));
    for (JobState state : {JobState::Completed, JobState::Failed, JobState::Cancelled})
        m_state->addItem(jobStateName(state), int(state));
    m_hours->setRange(0, 24 * 365 * 10);
    m_hours->setValue(24);
    m_hours->setSuffix(tr(" hours"));
    m_result->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Delete jobs that are"), m_state);
    form->addRow(tr("and finished more than"), m_hours);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CleanQueueDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CleanQueueDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
}

void CleanQueueDialog::setState(JobState state)
{
    m_state->setCurrentIndex(m_state->findData(int(state)));
}

void CleanQueueDialog::setOlderThanHours(int hours)
{
    m_hours->setValue(hours);
}

QString CleanQueueDialog::resultText() const
{
    return m_result->text();
}

// Stays open to show how many went: the count is the point of cleaning.
void CleanQueueDialog::accept()
{
    if (m_running)
        return;
    m_running = true;
    const auto state = JobState(m_state->currentData().toInt());
    const qint64 seconds = qint64(m_hours->value()) * 3600;
    m_result->setText(tr("Cleaning…"));
    using Reply = Result<qint64>;
    m_client->run<Reply>(this, {}, [queue = m_queue, state, seconds](QSqlDatabase &db) -> Reply {
        return JobActionStore(db).clean(queue, state, seconds);
    }, [this](const Reply &deleted) {
        m_running = false;
        if (!deleted) {
            m_result->setText(deleted.error().message);
            return;
        }
        m_result->setText(tr("%1 jobs deleted.").arg(QLocale().toString(deleted.value())));
        emit cleaned(deleted.value());
    });
}

} // namespace QueueDesk
