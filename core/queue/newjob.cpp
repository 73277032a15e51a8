#include "newjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

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

namespace {

// What in a payload PostgreSQL or the worker could not take back: a NUL
// character (jsonb refuses \u0000) or nesting deeper than the worker's JSON
// reader goes (it would run the job with an empty payload). Says where.
QString payloadProblem(const QJsonValue &value, int depth, const QString &path)
{
    if ((value.isArray() || value.isObject()) && depth > NewJob::maxPayloadDepth)
        return u"The payload is nested deeper than %1 levels (at %2)."_s.arg(NewJob::maxPayloadDepth).arg(path);
    const auto hasNul = [](const QString &text) { return text.contains(QChar(0)); };
    if (value.isString() && hasNul(value.toString()))
        return u"The payload holds a NUL character (\\u0000), which PostgreSQL cannot store (at %1)."_s.arg(path);
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (QString problem = payloadProblem(array.at(i), depth + 1, u"%1[%2]"_s.arg(path).arg(i)); !problem.isEmpty())
                return problem;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString at = path + u'.' + it.key();
            if (hasNul(it.key()))
                return u"The payload holds a NUL character (\\u0000) in a key, which PostgreSQL cannot store."_s;
            if (QString problem = payloadProblem(it.value(), depth + 1, at); !problem.isEmpty())
                return problem;
        }
    }
    return {};
}

// The same walk without building paths: every enqueue pays for this one,
// only a refused payload for the one above.
bool payloadIsStorable(const QJsonValue &value, int depth)
{
    if ((value.isArray() || value.isObject()) && depth > NewJob::maxPayloadDepth)
        return false;
    if (value.isString())
        return !value.toString().contains(QChar(0));
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::all_of(array.begin(), array.end(),
                           [depth](const QJsonValue &item) { return payloadIsStorable(item, depth + 1); });
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(QChar(0)) || !payloadIsStorable(it.value(), depth + 1))
                return false;
        }
    }
    return true;
}

} // namespace

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
    if (!payloadIsStorable(payload, 1))
        return Error(Error::Code::InvalidPayload, payloadProblem(payload, 1, u"payload"_s));
    return {};
}

} // namespace QueueDesk
