#pragma once

#include <QMap>
#include <QWidget>

class QTableWidget;

namespace QueueDesk {

// Which queues the local worker takes jobs from, with how many executors
// each: one checkable row per queue the database knows. Queues only ever
// get added, so a choice survives every refresh.
class QueueChooser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueChooser)

public:
    enum Column { ColQueue, ColExecutors, ColumnCount };
    static constexpr int defaultExecutors = 4;
    static constexpr int maxExecutors = 64;

    explicit QueueChooser(QWidget *parent = nullptr);

    // New names get a row, sorted in; "default" starts chosen, the others
    // not, so a shared server's queues are never worked on by surprise.
    void addQueues(const QStringList &names);
    void setChosen(const QString &queue, bool chosen, int executors = defaultExecutors);
    // Exactly these queues chosen, with these executors (a remembered
    // choice): every other row is unchosen, and so are queues added later,
    // "default" too. Queues not known yet get a row at once.
    void setChoice(const QMap<QString, int> &chosen);
    // Back to the first-run choice: "default" only, default executors.
    void resetChoice();
    // queue -> executors, for the chosen ones.
    QMap<QString, int> chosen() const;
    QStringList queues() const;
    QTableWidget *table() const { return m_table; }

signals:
    void choiceChanged();

private:
    int rowOf(const QString &queue) const;
    int insertRow(const QString &queue);

    QTableWidget *m_table;
    bool m_choiceSet = false;   // after setChoice, no queue starts chosen by name
};

} // namespace QueueDesk
