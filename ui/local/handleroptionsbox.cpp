#include "handleroptionsbox.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace QueueDesk {

HandlerOptionsBox::HandlerOptionsBox(QWidget *parent)
    : QGroupBox(tr("Job types"), parent)
    , m_command(new QCheckBox(tr("Run \"command\" jobs (programs on this computer)"), this))
    , m_allowList(new QLineEdit(this))
    , m_sql(new QCheckBox(tr("Run \"sql\" jobs (functions in this database)"), this))
    , m_note(new QLabel(this))
{
    m_command->setObjectName(u"allowCommand"_s);
    m_sql->setObjectName(u"allowSql"_s);
    m_allowList->setObjectName(u"commandAllowList"_s);
    m_allowList->setPlaceholderText(tr("Allowed programs, e.g. /usr/bin/convert, gzip"));
    m_allowList->setEnabled(false);
    m_note->setObjectName(u"handlerNote"_s);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("noop, sleep, fail and http jobs always run."), this));
    layout->addWidget(m_command);
    layout->addWidget(m_allowList);
    layout->addWidget(m_sql);
    layout->addWidget(m_note);
    connect(m_command, &QCheckBox::toggled, m_allowList, &QWidget::setEnabled);
    connect(m_command, &QCheckBox::toggled, this, &HandlerOptionsBox::updateNote);
    connect(m_sql, &QCheckBox::toggled, this, &HandlerOptionsBox::updateNote);
    updateNote();
}

void HandlerOptionsBox::updateNote()
{
    QStringList off;
    if (!m_command->isChecked())
        off << u"command"_s;
    if (!m_sql->isChecked())
        off << u"sql"_s;
    QString text;
    if (!off.isEmpty())
        text = tr("%1 jobs are off: they fail with a message saying so, and are not run. ")
                   .arg(off.join(tr(" and ")));
    text += tr("Turn these on only for queues whose producers you trust: a command job runs a program "
               "of the allow-list on this computer, an sql job calls a function in the database.");
    m_note->setText(text);
}

HandlerSettings HandlerOptionsBox::settings() const
{
    HandlerSettings settings;
    settings.commandEnabled = m_command->isChecked();
    // Commas only: a program's path may hold spaces.
    for (const QString &program : m_allowList->text().split(u',', Qt::SkipEmptyParts)) {
        if (!program.trimmed().isEmpty())
            settings.commandAllowList << program.trimmed();
    }
    settings.sqlEnabled = m_sql->isChecked();
    return settings;
}

void HandlerOptionsBox::setSettings(const HandlerSettings &settings)
{
    m_command->setChecked(settings.commandEnabled);
    m_allowList->setText(settings.commandAllowList.join(u", "_s));
    m_sql->setChecked(settings.sqlEnabled);
}

} // namespace QueueDesk
