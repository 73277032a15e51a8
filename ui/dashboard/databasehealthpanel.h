#pragma once

#include "queue/databasehealthstore.h"

#include <QGroupBox>

class QLabel;

namespace QueueDesk {

// The database's own health for the queue: dead tuples and the last
// autovacuum of the jobs table, table and index sizes, and the age of the
// oldest open transaction, coloured when it is old enough to hurt.
class DatabaseHealthPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseHealthPanel)

public:
    enum class Level { Ok, Warning, Error };

    explicit DatabaseHealthPanel(QWidget *parent = nullptr);

    void apply(const DatabaseHealth &health);
    // When the oldest transaction turns the warning and the error colour.
    void setTransactionThresholds(double warningSeconds, double errorSeconds);

    const DatabaseHealth &shown() const { return m_shown; }
    Level transactionLevel() const { return m_transactionLevel; }
    QLabel *deadTuplesLabel() const { return m_dead; }
    QLabel *transactionLabel() const { return m_transaction; }

private:
    QLabel *addRow(const QString &label, const QString &name, const QString &help);
    void showTable(const TableHealth &table, const QDateTime &now);
    void showTransaction(const OpenTransaction &transaction);
    static void setLevel(QLabel *label, Level level);

    QLabel *m_live;
    QLabel *m_dead;
    QLabel *m_vacuum;
    QLabel *m_tableSize;
    QLabel *m_indexSizes;
    QLabel *m_transaction;
    DatabaseHealth m_shown;
    Level m_transactionLevel = Level::Ok;
    double m_warningSeconds = 60;
    double m_errorSeconds = 600;
};

} // namespace QueueDesk
