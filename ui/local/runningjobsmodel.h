#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QTimer>

namespace QueueDesk {

// The jobs the local engine is running now. Engine signals are collected and
// applied at most every ~100 ms as one diff (rows removed, rows inserted, one
// dataChanged), so an engine finishing thousands of jobs a second costs the
// view a few updates a second; a job that starts and ends between two
// applies never shows at all.
class RunningJobsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunningJobsModel)

public:
    enum Column { ColId, ColQueue, ColType, ColStarted, ColElapsed, ColProgress, ColCounters, ColLastLog, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        PercentRole,   // double 0..100, or -1 when the handler reports none
    };

    explicit RunningJobsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    qint64 jobIdAt(int row) const;
    int rowOf(qint64 id) const;
    // Applies what is pending now instead of at the next tick.
    void flush();
    void setCoalesceInterval(int ms) { m_flushTimer.setInterval(ms); }

    // "keywords 12 · pages 3 · businesses found 40": numbers only, in the
    // order the handler reported them.
    static QString countersText(const QJsonObject &counters);
    // A string counter ("message", "log", "status") is the job's latest word.
    static QString lastLogLine(const QJsonObject &counters);

public slots:
    void jobStarted(qint64 id, const QString &queue, const QString &type);
    void jobProgress(qint64 id, const QJsonObject &counters, double percent);
    void jobFinished(qint64 id);
    void clear();

private:
    struct Row
    {
        qint64 id = 0;
        QString queue;
        QString type;
        QDateTime startedAt;
        double percent = -1;
        QJsonObject counters;
        QString lastLog;
    };
    struct Pending
    {
        bool started = false;
        bool finished = false;
        bool progressed = false;
        Row row;
    };

    Pending &pending(qint64 id);
    void removeFinished();
    void insertStarted();
    void applyProgress();
    void refreshElapsed();
    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    QList<Row> m_rows;
    QHash<qint64, Pending> m_pending;
    QList<qint64> m_startOrder;   // pending starts, oldest first
    QTimer m_flushTimer;
    QTimer m_elapsedTimer;
};

} // namespace QueueDesk
