#pragma once

#include "util/error.h"

#include <QByteArray>
#include <QSqlDatabase>

namespace QueueDesk {

// Streams rows into COPY ... FROM STDIN through libpq on the QPSQL
// connection's own handle (COPY through QSqlQuery hangs). Text format;
// buffered so that one PQputCopyData carries many rows.
class CopyWriter final
{
public:
    CopyWriter(QSqlDatabase db, QString copyStatement);
    ~CopyWriter();
    Q_DISABLE_COPY_MOVE(CopyWriter)

    Status start();
    CopyWriter &field(const QString &text);
    CopyWriter &field(const QByteArray &utf8);
    CopyWriter &field(const char *latin1);
    CopyWriter &field(qint64 number);
    CopyWriter &field(int number) { return field(qint64(number)); }
    CopyWriter &fieldOrNull(const QString &text);
    CopyWriter &fieldOrNull(qint64 positiveNumber);
    Status endRow();
    Status finish();

private:
    void separator();
    void appendEscaped(const QByteArray &utf8);
    Status flush();
    Error lastError(const QString &what) const;

    QSqlDatabase m_db;
    QString m_statement;
    QByteArray m_buffer;
    bool m_rowStarted = false;
    bool m_active = false;
};

} // namespace QueueDesk
