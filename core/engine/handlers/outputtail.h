#pragma once

#include <QByteArray>
#include <QString>

namespace QueueDesk {

// The last bytes of a stream, bounded, and how many went by in all: a
// chatty program must not fill the worker's memory or the job's row.
class OutputTail final
{
public:
    explicit OutputTail(qsizetype limit)
        : m_limit(limit)
    {}

    void append(const QByteArray &chunk)
    {
        m_total += chunk.size();
        m_tail += chunk.right(m_limit);
        if (m_tail.size() > m_limit)
            m_tail.remove(0, m_tail.size() - m_limit);
    }
    qint64 total() const { return m_total; }
    bool truncated() const { return m_total > m_tail.size(); }

    // As text, skipping a multi-byte character the cut may have split.
    QString text() const
    {
        qsizetype start = 0;
        while (truncated() && start < qMin<qsizetype>(3, m_tail.size()) && (uchar(m_tail.at(start)) & 0xC0) == 0x80)
            ++start;
        return QString::fromUtf8(m_tail.mid(start));
    }

private:
    qsizetype m_limit;
    QByteArray m_tail;
    qint64 m_total = 0;
};

} // namespace QueueDesk
