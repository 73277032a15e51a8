#pragma once

#include "queue/queuestats.h"
#include "queue/waitreason.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <chrono>

namespace QueueDesk {

// Answers "why is this job not running?" with every reason that holds now,
// in the order an operator would check them. An empty list means nothing
// holds it back: the next claim on its queue should take it.
class WaitExplainer final
{
    Q_DECLARE_TR_FUNCTIONS(QueueDesk::WaitExplainer)

public:
    explicit WaitExplainer(QSqlDatabase db);

    // A worker whose last heartbeat is older than workerStaleAfter counts as
    // gone. An unknown job is a NotFound error.
    Result<QList<WaitReason>> explain(qint64 jobId,
                                      std::chrono::seconds workerStaleAfter = std::chrono::seconds(60));

    // The reasoning alone, on facts already read.
    static QList<WaitReason> reasons(const WaitFacts &facts);

private:
    static WaitReason notWaiting(const WaitFacts &facts);
    static void addLimits(const WaitFacts &facts, QList<WaitReason> &reasons);
    static void addWorkers(const WaitFacts &facts, QList<WaitReason> &reasons);
    static void addAhead(const WaitFacts &facts, QList<WaitReason> &reasons);

    QSqlDatabase m_db;
};

} // namespace QueueDesk
