#include "schemabanner.h"

#include "util/error.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace QueueDesk {

SchemaBanner::SchemaBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_create(new QPushButton(tr("Create schema"), this))
{
    setObjectName(u"schemaBanner"_s);
    setStyleSheet(u"QFrame#schemaBanner { background: #fff4d6; color: #5c4300; }"_s);
    m_label->setWordWrap(true);
    m_create->setObjectName(u"createSchema"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_create);
    connect(m_create, &QPushButton::clicked, this, &SchemaBanner::createRequested);
    hide();
}

void SchemaBanner::showProblem(const QString &text, const QString &deniedWhy)
{
    m_label->setText(text);
    m_create->setEnabled(deniedWhy.isEmpty());
    m_create->setToolTip(deniedWhy.isEmpty() ? tr("Runs QueueDesk's migrations in this database.") : deniedWhy);
    show();
}

void SchemaBanner::setBusy(bool busy)
{
    m_create->setEnabled(!busy);
    if (busy)
        m_label->setText(tr("Creating the QueueDesk schema…"));
}

} // namespace QueueDesk
