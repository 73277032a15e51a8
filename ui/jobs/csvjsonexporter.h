#pragma once

#include "queue/job.h"
#include "queue/jobbrowserstore.h"
#include "util/error.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <atomic>

namespace QueueDesk {

// Writes jobs to a file as CSV (one header line, then a line per job) or
// JSON lines (one object per job). Runs on the store thread, a page at a
// time, so the whole result is never held in memory.
class CsvJsonExporter final
{
public:
    enum class Format { Csv, JsonLines };

    static Format formatForFile(const QString &path);
    // Returns how many jobs were written. A set stop flag ends the export
    // after the current page, keeping what was written.
    static Result<qint64> exportJobs(QSqlDatabase &db, JobBrowserStore::Query query, const QString &path,
                                     Format format, const std::atomic_bool *stop = nullptr);

    static QJsonObject toJson(const Job &job);
    static QString csvHeader();
    static QString csvLine(const Job &job);

private:
    static QString csvField(const QString &text);
};

} // namespace QueueDesk
