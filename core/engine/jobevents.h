#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace QueueDesk {

// What the dispatcher reports to the Engine's thread, a batch at a time:
// one queued signal per claim or acknowledgement instead of one per job,
// which cost a cross-thread wake-up each at tens of thousands of jobs a
// second. Engine turns them back into its per-job signals.
struct StartedJob
{
    qint64 id = 0;
    QString queue;
    QString type;
    QJsonObject payload;
};

struct EndedJob
{
    qint64 id = 0;
    QString outcome;   // completed, failed, retrying, cancelled, released, lost
    QString error;
};

} // namespace QueueDesk

Q_DECLARE_METATYPE(QueueDesk::StartedJob)
Q_DECLARE_METATYPE(QueueDesk::EndedJob)
