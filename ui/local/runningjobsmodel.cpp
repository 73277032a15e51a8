#include "runningjobsmodel.h"

#include "util/durationtext.h"
#include "util/error.h"

#include <QLocale>

#include <algorithm>

namespace QueueDesk {

namespace {
constexpr int coalesceMs = 100;
constexpr int elapsedTickMs = 1000;

QString counterLabel(const QString &key)
{
    // The seed's counters read as words; any other key as itself, spaced.
    if (key == u"keywords") return RunningJobsModel::tr("keywords");
    if (key == u"pages") return RunningJobsModel::tr("pages");
    if (key == u"businesses_found") return RunningJobsModel::tr("businesses found");
    if (key == u"businesses_created") return RunningJobsModel::tr("businesses created");
    if (key == u"businesses_updated") return RunningJobsModel::tr("businesses updated");
    return QString(key).replace(u'_', u' ');
}
} // namespace

RunningJobsModel::RunningJobsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(coalesceMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &RunningJobsModel::flush);
    m_elapsedTimer.setInterval(elapsedTickMs);
    connect(&m_elapsedTimer, &QTimer::timeout, this, &RunningJobsModel::refreshElapsed);
}

int RunningJobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunningJobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunningJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ColId: return tr("Job");
    case ColQueue: return tr("Queue");
    case ColType: return tr("Type", "job type");
    case ColStarted: return tr("Started");
    case ColElapsed: return tr("Elapsed");
    case ColProgress: return tr("Progress");
    case ColCounters: return tr("Counters");
    case ColLastLog: return tr("Last message");
    }
    return {};
}

QVariant RunningJobsModel::display(const Row &row, int column) const
{
    switch (column) {
    case ColId: return row.id;
    case ColQueue: return row.queue;
    case ColType: return row.type;
    case ColStarted: return QLocale().toString(row.startedAt.time(), QLocale::ShortFormat);
    case ColElapsed: return DurationText::ms(double(row.startedAt.msecsTo(QDateTime::currentDateTime())));
    case ColProgress: return row.percent < 0 ? u"–"_s : tr("%1%").arg(qRound(row.percent));
    case ColCounters: return countersText(row.counters);
    case ColLastLog: return row.lastLog;
    }
    return {};
}

QVariant RunningJobsModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case ColStarted: return row.startedAt;
    case ColElapsed: return row.startedAt.msecsTo(QDateTime::currentDateTime());
    case ColProgress: return row.percent;
    default: return display(row, column);
    }
}

QVariant RunningJobsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case SortRole: return sortValue(row, index.column());
    case PercentRole: return row.percent;
    case Qt::ToolTipRole: return index.column() == ColLastLog ? row.lastLog : QVariant();
    }
    return {};
}

qint64 RunningJobsModel::jobIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int RunningJobsModel::rowOf(qint64 id) const
{
    const auto it = std::find_if(m_rows.cbegin(), m_rows.cend(), [id](const Row &r) { return r.id == id; });
    return it == m_rows.cend() ? -1 : int(it - m_rows.cbegin());
}

QString RunningJobsModel::countersText(const QJsonObject &counters)
{
    QStringList parts;
    for (auto it = counters.begin(); it != counters.end(); ++it) {
        if (it.value().isDouble())
            parts << counterLabel(it.key()) + u' ' + QLocale().toString(it.value().toDouble(), 'g', 15);
    }
    return parts.join(u" · "_s);
}

QString RunningJobsModel::lastLogLine(const QJsonObject &counters)
{
    for (const QString &key : {u"message"_s, u"log"_s, u"status"_s}) {
        if (counters.value(key).isString())
            return counters.value(key).toString();
    }
    return {};
}

RunningJobsModel::Pending &RunningJobsModel::pending(qint64 id)
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
    return m_pending[id];
}

void RunningJobsModel::jobStarted(qint64 id, const QString &queue, const QString &type)
{
    Pending &p = pending(id);
    // A finish already pending belongs to an earlier attempt: its row still goes.
    p.started = true;
    p.progressed = false;
    p.row = Row{id, queue, type, QDateTime::currentDateTime(), -1, {}, {}};
    m_startOrder.append(id);
}

void RunningJobsModel::jobProgress(qint64 id, const QJsonObject &counters, double percent)
{
    Pending &p = pending(id);
    p.progressed = true;
    if (percent >= 0)
        p.row.percent = percent;
    p.row.counters = counters;
    if (const QString line = lastLogLine(counters); !line.isEmpty())
        p.row.lastLog = line;
}

void RunningJobsModel::jobFinished(qint64 id)
{
    Pending &p = pending(id);
    p.finished = true;
    p.started = false;   // started and done between two applies: never shown
    p.progressed = false;
}

void RunningJobsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_startOrder.clear();
    endResetModel();
    m_flushTimer.stop();
    m_elapsedTimer.stop();
}

void RunningJobsModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    removeFinished();
    insertStarted();
    applyProgress();
    m_pending.clear();
    m_startOrder.clear();
    if (m_rows.isEmpty())
        m_elapsedTimer.stop();
    else if (!m_elapsedTimer.isActive())
        m_elapsedTimer.start();
}

void RunningJobsModel::removeFinished()
{
    // From the bottom up, one removal per run of adjacent rows.
    int row = int(m_rows.size()) - 1;
    while (row >= 0) {
        const auto it = m_pending.constFind(m_rows.at(row).id);
        if (it == m_pending.cend() || !it->finished) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0) {
            const auto prev = m_pending.constFind(m_rows.at(first - 1).id);
            if (prev == m_pending.cend() || !prev->finished)
                break;
            --first;
        }
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
}

void RunningJobsModel::insertStarted()
{
    QList<Row> added;
    for (qint64 id : std::as_const(m_startOrder)) {
        auto it = m_pending.find(id);
        if (it == m_pending.end() || !it->started)
            continue;
        it->started = false;   // a job listed twice in m_startOrder is added once
        it->progressed = false;
        added.append(it->row);
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
    m_rows.append(added);
    endInsertRows();
}

void RunningJobsModel::applyProgress()
{
    int first = int(m_rows.size());
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        const auto it = m_pending.constFind(m_rows.at(row).id);
        if (it == m_pending.cend() || !it->progressed || it->finished)
            continue;
        Row &r = m_rows[row];
        if (it->row.percent >= 0)
            r.percent = it->row.percent;
        r.counters = it->row.counters;
        if (!it->row.lastLog.isEmpty())
            r.lastLog = it->row.lastLog;
        first = qMin(first, row);
        last = row;
    }
    if (last >= 0)
        emit dataChanged(index(first, ColElapsed), index(last, ColLastLog));
}

void RunningJobsModel::refreshElapsed()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ColElapsed), index(int(m_rows.size()) - 1, ColElapsed));
}

} // namespace QueueDesk
