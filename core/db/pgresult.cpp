#include "pgresult.h"

#include <QTimeZone>

#include <libpq-fe.h>

namespace QueueDesk {

namespace {

// Digits at text[from, from + count): the value, or -1 when not all digits.
int digits(QByteArrayView text, qsizetype from, qsizetype count)
{
    if (from + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char c = text.at(i);
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

PgResult::PgResult(pg_result *result)
    : m_result(result)
{
}

PgResult::PgResult(PgResult &&other) noexcept
    : m_result(std::exchange(other.m_result, nullptr))
{
}

PgResult &PgResult::operator=(PgResult &&other) noexcept
{
    if (this != &other) {
        PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}

PgResult::~PgResult()
{
    PQclear(m_result);
}

int PgResult::rows() const
{
    return m_result ? PQntuples(m_result) : 0;
}

int PgResult::column(const char *name) const
{
    return m_result ? PQfnumber(m_result, name) : -1;
}

bool PgResult::isNull(int row, int column) const
{
    return column < 0 || PQgetisnull(m_result, row, column);
}

QByteArrayView PgResult::bytes(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return QByteArrayView(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

QString PgResult::text(int row, int column) const
{
    const QByteArrayView value = bytes(row, column);
    return QString::fromUtf8(value.data(), value.size());
}

qint64 PgResult::toLongLong(int row, int column) const
{
    return isNull(row, column) ? 0 : std::strtoll(PQgetvalue(m_result, row, column), nullptr, 10);
}

bool PgResult::toBool(int row, int column) const
{
    return !isNull(row, column) && PQgetvalue(m_result, row, column)[0] == 't';
}

double PgResult::toDouble(int row, int column) const
{
    return isNull(row, column) ? 0.0 : std::strtod(PQgetvalue(m_result, row, column), nullptr);
}

QDateTime PgResult::toDateTime(int row, int column) const
{
    return parseTimestamp(bytes(row, column));
}

QDateTime PgResult::parseTimestamp(QByteArrayView text)
{
    // "2026-11-25 02:10:00.123456+00", the offset possibly "+05:30" or
    // "-03:30:12"; "infinity" and anything else unexpected is invalid.
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || text.at(4) != '-'
        || text.at(7) != '-' || text.at(10) != ' ' || text.at(13) != ':' || text.at(16) != ':')
        return {};
    qsizetype at = 19;
    int msec = 0;
    if (at < text.size() && text.at(at) == '.') {
        int scale = 100;
        for (++at; at < text.size() && text.at(at) >= '0' && text.at(at) <= '9'; ++at) {
            msec += (text.at(at) - '0') * scale;
            scale /= 10;
        }
    }
    int offsetSeconds = 0;
    if (at < text.size()) {
        const char sign = text.at(at);
        const int offsetHours = digits(text, at + 1, 2);
        if ((sign != '+' && sign != '-') || offsetHours < 0)
            return {};
        offsetSeconds = offsetHours * 3600;
        at += 3;
        for (int unit = 60; unit >= 1 && at < text.size() && text.at(at) == ':'; unit /= 60) {
            const int part = digits(text, at + 1, 2);
            if (part < 0)
                return {};
            offsetSeconds += part * unit;
            at += 3;
        }
        if (sign == '-')
            offsetSeconds = -offsetSeconds;
    }
    if (at != text.size())   // " BC", a fifth year digit: not a form we read
        return {};
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, QTimeZone::utc()).addSecs(-offsetSeconds);
}

} // namespace QueueDesk
