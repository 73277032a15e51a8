#include "newjob.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace QueueDesk {

Result<QJsonObject> NewJob::parsePayload(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QByteArray utf8 = text.toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype line = utf8.left(parseError.offset).count('\n') + 1;
        return Error(Error::Code::InvalidPayload,
                     u"The payload is not valid JSON: %1 at line %2, character %3."_s
                         .arg(parseError.errorString()).arg(line).arg(parseError.offset));
    }
    if (!doc.isObject())
        return Error(Error::Code::InvalidPayload, u"The payload must be a JSON object ({...})."_s);
    return doc.object();
}

Result<NewJob> NewJob::fromJson(const QJsonObject &object)
{
    NewJob job;
    job.queue = object.value(u"queue").toString(job.queue);
    job.type = object.value(u"type").toString();
    const QJsonValue payload = object.value(u"payload");
    if (!payload.isUndefined() && !payload.isNull() && !payload.isObject())
        return Error(Error::Code::InvalidPayload, u"\"payload\" must be a JSON object."_s);
    job.payload = payload.toObject();
    job.priority = object.value(u"priority").toInt(0);
    job.store = object.value(u"store").toString();
    job.uniqueKey = object.value(u"unique_key").toString();
    job.delayMs = qint64(object.value(u"delay_ms").toDouble(0));
    if (object.contains(u"run_at")) {
        job.runAt = QDateTime::fromString(object.value(u"run_at").toString(), Qt::ISODateWithMs);
        if (!job.runAt.isValid())
            return Error(Error::Code::InvalidArgument, u"\"run_at\" is not an ISO 8601 date and time."_s);
    }
    if (object.contains(u"max_attempts"))
        job.maxAttempts = object.value(u"max_attempts").toInt();
    job.parentId = qint64(object.value(u"parent_id").toDouble(0));
    job.createdBy = object.value(u"created_by").toString();
    if (Status valid = job.validate(); !valid)
        return valid.error();
    return job;
}

Status NewJob::validate() const
{
    if (queue.isEmpty())
        return Error(Error::Code::InvalidArgument, u"A job needs a queue."_s);
    if (type.isEmpty())
        return Error(Error::Code::InvalidArgument, u"A job needs a type (the handler that runs it)."_s);
    if (delayMs < 0)
        return Error(Error::Code::InvalidArgument, u"The delay cannot be negative."_s);
    if (maxAttempts && *maxAttempts < 1)
        return Error(Error::Code::InvalidArgument, u"Max attempts must be at least 1."_s);
    return {};
}

} // namespace QueueDesk
