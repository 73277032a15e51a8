#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

struct pg_result;

namespace QueueDesk {

// A libpq result in text format, owned: the hot path reads it without
// QSqlQuery's QVariant per value.
class PgResult final
{
public:
    explicit PgResult(pg_result *result = nullptr);
    PgResult(PgResult &&other) noexcept;
    PgResult &operator=(PgResult &&other) noexcept;
    PgResult(const PgResult &) = delete;
    PgResult &operator=(const PgResult &) = delete;
    ~PgResult();

    int rows() const;
    int column(const char *name) const;   // -1 when the result has no such column

    bool isNull(int row, int column) const;
    QByteArrayView bytes(int row, int column) const;
    QString text(int row, int column) const;
    qint64 toLongLong(int row, int column) const;
    int toInt(int row, int column) const { return int(toLongLong(row, column)); }
    bool toBool(int row, int column) const;
    double toDouble(int row, int column) const;
    // timestamptz in the ISO DateStyle that QPSQL sets on every connection.
    QDateTime toDateTime(int row, int column) const;

    static QDateTime parseTimestamp(QByteArrayView text);

    pg_result *handle() const { return m_result; }

private:
    pg_result *m_result;
};

} // namespace QueueDesk
