#include "report.h"

#include <QLocale>
#include <QTextStream>

namespace QueueDesk::Bench {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

} // namespace

void Report::heading(const QString &text)
{
    out() << "\n== " << text << Qt::endl;
}

void Report::line(const QString &text)
{
    out() << text << Qt::endl;
}

void Report::result(const QString &config, const QString &enqueuePerSecond, const QString &processPerSecond,
                    const QString &note)
{
    out() << "RESULT\tqueuedesk\t" << config << '\t' << enqueuePerSecond << '\t' << processPerSecond << '\t' << note
          << Qt::endl;
}

void Report::table(const QStringList &header, const QList<QStringList> &rows)
{
    out() << '\n' << "| " << header.join(u" | "_s) << " |\n|";
    for (qsizetype i = 0; i < header.size(); ++i)
        out() << (i == 0 ? "---|" : "---:|");
    out() << '\n';
    for (const QStringList &row : rows)
        out() << "| " << row.join(u" | "_s) << " |\n";
    out() << Qt::endl;
}

QString Report::number(double value)
{
    return QLocale(QLocale::English).toString(qRound64(value));
}

QString Report::ratio(double ours, double base)
{
    if (base <= 0)
        return u"-"_s;
    return u"%1 (%2%)"_s.arg(ours / base, 0, 'f', 2).arg(qRound(100 * ours / base));
}

QString Report::millis(double value)
{
    return QString::number(value, 'f', 3);
}

} // namespace QueueDesk::Bench
