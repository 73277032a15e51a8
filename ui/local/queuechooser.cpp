#include "queuechooser.h"

#include "util/error.h"

#include <QHeaderView>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace QueueDesk {

QueueChooser::QueueChooser(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    m_table->setObjectName(u"localQueues"_s);
    m_table->setHorizontalHeaderLabels({tr("Queue"), tr("Executors")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ColQueue, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ColExecutors, QHeaderView::ResizeToContents);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    connect(m_table, &QTableWidget::itemChanged, this, &QueueChooser::choiceChanged);
}

int QueueChooser::rowOf(const QString &queue) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, ColQueue)->text() == queue)
            return row;
    }
    return -1;
}

int QueueChooser::insertRow(const QString &queue)
{
    int row = 0;
    while (row < m_table->rowCount() && m_table->item(row, ColQueue)->text() < queue)
        ++row;
    const QSignalBlocker blocker(m_table);
    m_table->insertRow(row);
    auto *item = new QTableWidgetItem(queue);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(queue == u"default" && !m_choiceSet ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, ColQueue, item);
    auto *spin = new QSpinBox(m_table);
    spin->setRange(1, maxExecutors);
    spin->setValue(defaultExecutors);
    spin->setToolTip(tr("How many jobs of this queue the local worker runs at once"));
    m_table->setCellWidget(row, ColExecutors, spin);
    connect(spin, &QSpinBox::valueChanged, this, &QueueChooser::choiceChanged);
    return row;
}

void QueueChooser::addQueues(const QStringList &names)
{
    bool added = false;
    for (const QString &name : names) {
        if (rowOf(name) < 0) {
            insertRow(name);
            added = true;
        }
    }
    if (added)
        emit choiceChanged();
}

void QueueChooser::setChosen(const QString &queue, bool chosen, int executors)
{
    int row = rowOf(queue);
    if (row < 0)
        row = insertRow(queue);
    static_cast<QSpinBox *>(m_table->cellWidget(row, ColExecutors))->setValue(executors);
    m_table->item(row, ColQueue)->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
}

void QueueChooser::setChoice(const QMap<QString, int> &chosen)
{
    m_choiceSet = true;
    for (const QString &queue : queues())
        setChosen(queue, false);
    for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
        setChosen(it.key(), true, qBound(1, it.value(), int(maxExecutors)));
}

void QueueChooser::resetChoice()
{
    m_choiceSet = false;
    for (const QString &queue : queues())
        setChosen(queue, queue == u"default");
}

QMap<QString, int> QueueChooser::chosen() const
{
    QMap<QString, int> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, ColQueue)->checkState() == Qt::Checked)
            result.insert(m_table->item(row, ColQueue)->text(),
                          static_cast<QSpinBox *>(m_table->cellWidget(row, ColExecutors))->value());
    }
    return result;
}

QStringList QueueChooser::queues() const
{
    QStringList names;
    for (int row = 0; row < m_table->rowCount(); ++row)
        names << m_table->item(row, ColQueue)->text();
    return names;
}

} // namespace QueueDesk
