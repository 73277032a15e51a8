#include "csvjsonexporter.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace QueueDesk {

namespace {

QString iso(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString lastError(const Job &job)
{
    return job.errors.isEmpty() ? QString() : job.errors.last().toObject().value(u"message"_s).toString();
}

} // namespace

CsvJsonExporter::Format CsvJsonExporter::formatForFile(const QString &path)
{
    return path.endsWith(u".csv"_s, Qt::CaseInsensitive) ? Format::Csv : Format::JsonLines;
}

QJsonObject CsvJsonExporter::toJson(const Job &job)
{
    QJsonObject o{{u"id"_s, job.id}, {u"queue"_s, job.queue}, {u"type"_s, job.type}, {u"store"_s, job.store},
                  {u"state"_s, jobStateName(job.state)}, {u"priority"_s, job.priority},
                  {u"attempts"_s, job.attempts}, {u"max_attempts"_s, job.maxAttempts},
                  {u"payload"_s, job.payload}, {u"errors"_s, job.errors},
                  {u"created_at"_s, iso(job.createdAt)}, {u"run_at"_s, iso(job.runAt)}};
    if (!job.result.isEmpty())
        o.insert(u"result"_s, job.result);
    if (!job.progress.isEmpty())
        o.insert(u"progress"_s, job.progress);
    if (!job.uniqueKey.isEmpty())
        o.insert(u"unique_key"_s, job.uniqueKey);
    if (job.startedAt.isValid())
        o.insert(u"started_at"_s, iso(job.startedAt));
    if (job.finishedAt.isValid())
        o.insert(u"finished_at"_s, iso(job.finishedAt));
    return o;
}

QString CsvJsonExporter::csvHeader()
{
    return u"id,queue,type,state,store,priority,attempts,max_attempts,created_at,run_at,started_at,"
           u"finished_at,last_error,payload"_s;
}

QString CsvJsonExporter::csvField(const QString &text)
{
    // RFC 4180: quote fields holding a separator, quote or line break.
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString CsvJsonExporter::csvLine(const Job &job)
{
    const QStringList fields{QString::number(job.id), job.queue, job.type, jobStateName(job.state), job.store,
                             QString::number(job.priority), QString::number(job.attempts),
                             QString::number(job.maxAttempts), iso(job.createdAt), iso(job.runAt),
                             iso(job.startedAt), iso(job.finishedAt), lastError(job),
                             QString::fromUtf8(QJsonDocument(job.payload).toJson(QJsonDocument::Compact))};
    QStringList quoted;
    for (const QString &field : fields)
        quoted.append(csvField(field));
    return quoted.join(u',');
}

Result<qint64> CsvJsonExporter::exportJobs(QSqlDatabase &db, JobBrowserStore::Query query, const QString &path,
                                           Format format, const std::atomic_bool *stop)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Code::InvalidArgument, u"Cannot write %1: %2"_s.arg(path, file.errorString()));
    if (format == Format::Csv)
        file.write((csvHeader() + u'\n').toUtf8());
    JobBrowserStore store(db);
    JobBrowserStore::Cursor cursor;
    qint64 written = 0;
    for (;;) {
        auto page = store.page(query, cursor, 1000);
        if (!page)
            return page.error();
        for (const Job &job : page->jobs) {
            if (format == Format::Csv)
                file.write((csvLine(job) + u'\n').toUtf8());
            else
                file.write(QJsonDocument(toJson(job)).toJson(QJsonDocument::Compact) + '\n');
        }
        written += page->jobs.size();
        cursor = page->last;
        if (page->atEnd || (stop && stop->load()))
            break;
    }
    if (!file.commit())
        return Error(Error::Code::InvalidArgument, u"Cannot write %1: %2"_s.arg(path, file.errorString()));
    return written;
}

} // namespace QueueDesk
