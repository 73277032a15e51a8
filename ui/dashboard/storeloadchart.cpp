#include "storeloadchart.h"

#include "dashboard/axisscale.h"
#include "util/error.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QFont>
#include <QHorizontalStackedBarSeries>
#include <QLocale>
#include <QValueAxis>

#include <algorithm>

namespace QueueDesk {

namespace {

// Changes a bar set in place when it keeps its length: no bars are
// rebuilt on a refresh that only moved figures.
void replaceValues(QBarSet *set, const QList<qreal> &values)
{
    if (set->count() != values.size()) {
        set->remove(0, set->count());
        set->append(values);
        return;
    }
    for (int i = 0; i < values.size(); ++i) {
        if (set->at(i) != values.at(i))
            set->replace(i, values.at(i));
    }
}

} // namespace

StoreLoadChart::StoreLoadChart(QWidget *parent)
    : QChartView(parent)
    , m_stores(new QBarCategoryAxis)
    , m_values(new QValueAxis)
    , m_waiting(new QBarSet(tr("Waiting")))
    , m_active(new QBarSet(tr("Active")))
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(tr("Jobs per store"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_waiting->setColor(QColor(0x3b, 0x82, 0xf6));
    m_active->setColor(QColor(0x10, 0xb9, 0x81));
    auto *series = new QHorizontalStackedBarSeries;
    series->append(m_waiting);
    series->append(m_active);
    chart->addSeries(series);
    chart->addAxis(m_stores, Qt::AlignLeft);
    chart->addAxis(m_values, Qt::AlignBottom);
    series->attachAxis(m_stores);
    series->attachAxis(m_values);
    m_values->setLabelFormat(u"%.0f"_s);
    m_values->setRange(0, AxisScale::ceiling(0));
    m_values->setTickCount(AxisScale::TickCount);
    // Eleven rows of store names: a smaller font keeps them readable.
    QFont small = m_stores->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_stores->setLabelsFont(small);
    m_stores->setTruncateLabels(false);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
}

void StoreLoadChart::apply(const StoreBreakdown &breakdown, const QString &note)
{
    m_queue = breakdown.queue;
    const QString title = tr("Jobs per store in %1").arg(breakdown.queue);
    if (chart()->title() != title)
        chart()->setTitle(title);
    if (m_note != note) {
        m_note = note;
        setToolTip(tr("Waiting and active jobs of the busiest stores, the rest as \"others\" (%1).").arg(note));
    }
    QStringList categories;
    QList<qreal> waiting;
    QList<qreal> active;
    for (const StoreLoad &load : breakdown.top) {
        categories.append(load.store.isEmpty() ? tr("(no store)") : load.store);
        waiting.append(qreal(load.waiting));
        active.append(qreal(load.active));
    }
    if (breakdown.otherStores != 0) {   // < 0: some, how many is not known
        categories.append(breakdown.otherStores > 0
                              ? tr("others (%1 stores)").arg(QLocale().toString(breakdown.otherStores))
                              : tr("others"));
        waiting.append(qreal(breakdown.others.waiting));
        active.append(qreal(breakdown.others.active));
    }
    std::reverse(categories.begin(), categories.end());
    std::reverse(waiting.begin(), waiting.end());
    std::reverse(active.begin(), active.end());
    setBars(categories, waiting, active);
}

void StoreLoadChart::clear(const QString &why)
{
    m_queue.clear();
    m_note.clear();
    chart()->setTitle(why);
    setBars({}, {}, {});
}

void StoreLoadChart::setBars(const QStringList &categories, const QList<qreal> &waiting, const QList<qreal> &active)
{
    if (m_stores->categories() != categories)
        m_stores->setCategories(categories);
    replaceValues(m_waiting, waiting);
    replaceValues(m_active, active);
    qreal top = 0;
    for (int i = 0; i < waiting.size(); ++i)
        top = qMax(top, waiting.at(i) + active.at(i));
    if (const double ceiling = AxisScale::ceiling(top); m_values->max() != ceiling)
        m_values->setRange(0, ceiling);
}

QStringList StoreLoadChart::categories() const
{
    return m_stores->categories();
}

} // namespace QueueDesk
