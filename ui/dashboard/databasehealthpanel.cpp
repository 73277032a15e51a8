#include "databasehealthpanel.h"

#include "util/durationtext.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace QueueDesk {

namespace {

// Above this share of dead tuples vacuum is behind or held back.
constexpr double DeadRatioWarning = 0.2;
constexpr qint64 DeadTuplesWarning = 10000;

QString bytes(qint64 value)
{
    return QLocale().formattedDataSize(value, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

DatabaseHealthPanel::DatabaseHealthPanel(QWidget *parent)
    : QGroupBox(tr("Database health (queuedesk.jobs)"), parent)
{
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_live = addRow(tr("Live rows"), u"liveRows"_s, tr("Rows of the jobs table, as the statistics estimate them."));
    m_dead = addRow(tr("Dead tuples"), u"deadTuples"_s,
                    tr("Row versions left by updates and deletes that vacuum has not removed yet. Many of them "
                       "slow every claim, which walks past them in the indexes."));
    m_vacuum = addRow(tr("Last autovacuum"), u"lastAutovacuum"_s,
                      tr("When autovacuum last cleaned the jobs table, and how often it has since the "
                         "statistics were reset."));
    m_tableSize = addRow(tr("Table size"), u"tableSize"_s, tr("The jobs table on disk, TOAST included."));
    m_indexSizes = addRow(tr("Index sizes"), u"indexSizes"_s, tr("Each index of the jobs table on disk."));
    m_transaction = addRow(tr("Oldest open transaction"), u"oldestTransaction"_s,
                           tr("The oldest transaction open in this database. While a transaction stays open, "
                              "vacuum cannot remove rows that died after it began, so a SKIP LOCKED queue "
                              "stalls: every claim walks over more and more dead index entries. Commit or "
                              "end long transactions (idle in transaction above all)."));
    m_indexSizes->setWordWrap(true);
    m_transaction->setWordWrap(true);
}

QLabel *DatabaseHealthPanel::addRow(const QString &label, const QString &name, const QString &help)
{
    auto *value = new QLabel(u"-"_s, this);
    value->setObjectName(name);
    value->setToolTip(help);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    static_cast<QFormLayout *>(layout())->addRow(label, value);
    return value;
}

void DatabaseHealthPanel::setTransactionThresholds(double warningSeconds, double errorSeconds)
{
    m_warningSeconds = warningSeconds;
    m_errorSeconds = errorSeconds;
    showTransaction(m_shown.oldestTransaction);
}

void DatabaseHealthPanel::apply(const DatabaseHealth &health)
{
    m_shown = health;
    showTable(health.jobs, health.readAt.isValid() ? health.readAt : QDateTime::currentDateTime());
    showTransaction(health.oldestTransaction);
}

void DatabaseHealthPanel::showTable(const TableHealth &table, const QDateTime &now)
{
    if (!table.found) {
        for (QLabel *label : {m_live, m_dead, m_vacuum, m_tableSize, m_indexSizes})
            label->setText(tr("no jobs table"));
        return;
    }
    const QLocale locale;
    m_live->setText(locale.toString(table.liveTuples));
    m_dead->setText(tr("%1 (%2 %)").arg(locale.toString(table.deadTuples))
                        .arg(table.deadRatio() * 100, 0, 'f', 1));
    setLevel(m_dead, table.deadRatio() > DeadRatioWarning && table.deadTuples > DeadTuplesWarning ? Level::Warning
                                                                                                 : Level::Ok);
    QString vacuum = table.lastAutovacuum.isValid() ? tr("%1 (%n run(s))", nullptr, int(table.autovacuumCount))
                                                          .arg(DurationText::ago(table.lastAutovacuum, now))
                                                    : tr("never");
    if (table.lastVacuum.isValid() && table.lastVacuum > table.lastAutovacuum)
        vacuum += tr("; manual VACUUM %1").arg(DurationText::ago(table.lastVacuum, now));
    m_vacuum->setText(vacuum);
    m_tableSize->setText(tr("%1 (indexes %2)").arg(bytes(table.tableBytes), bytes(table.indexBytes())));
    QStringList indexes;
    for (const RelationSize &index : table.indexes)
        indexes.append(tr("%1 %2").arg(index.name, bytes(index.bytes)));
    m_indexSizes->setText(indexes.join(u", "_s));
}

void DatabaseHealthPanel::showTransaction(const OpenTransaction &x)
{
    if (!x.exists()) {
        m_transactionLevel = Level::Ok;
        m_transaction->setText(tr("none open"));
        setLevel(m_transaction, Level::Ok);
        return;
    }
    m_transactionLevel = x.ageSeconds >= m_errorSeconds     ? Level::Error
                         : x.ageSeconds >= m_warningSeconds ? Level::Warning
                                                            : Level::Ok;
    QString text = tr("%1 (pid %2, %3%4)")
                       .arg(DurationText::ms(x.ageSeconds * 1000))
                       .arg(x.pid)
                       .arg(x.state.isEmpty() ? tr("state unknown") : x.state,
                            x.application.isEmpty() ? QString() : u", "_s + x.application);
    if (m_transactionLevel != Level::Ok && x.holdsHorizon)
        text += u"\n"_s + tr("Vacuum cannot clean behind it: claims slow down.");
    m_transaction->setText(text);
    setLevel(m_transaction, m_transactionLevel);
}

void DatabaseHealthPanel::setLevel(QLabel *label, Level level)
{
    const char *levelName = level == Level::Error ? "error" : level == Level::Warning ? "warning" : "ok";
    if (label->property("level").toByteArray() == levelName)
        return;
    label->setProperty("level", QByteArray(levelName));
    switch (level) {
    case Level::Ok: label->setStyleSheet(QString()); break;
    case Level::Warning: label->setStyleSheet(u"QLabel { background: #fef3c7; color: #78350f; }"_s); break;
    case Level::Error: label->setStyleSheet(u"QLabel { background: #fde2e1; color: #7a1c16; }"_s); break;
    }
}

} // namespace QueueDesk
