#pragma once

#include "engine/finishedjob.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>

namespace QueueDesk {

// Where executor threads drop finished jobs for the dispatcher. Executors
// hold it by shared_ptr, so a handler that returns after its dispatcher is
// gone finds an inbox with no owner instead of a dangling pointer.
class ResultInbox final
{
public:
    explicit ResultInbox(QObject *owner, const char *drainSlot)
        : m_owner(owner)
        , m_drainSlot(drainSlot)
    {}

    void post(FinishedJob job)
    {
        QMutexLocker lock(&m_mutex);
        m_jobs.append(std::move(job));
        // One wake-up for a burst: the dispatcher takes everything at once.
        if (m_owner && !m_wakePosted) {
            m_wakePosted = true;
            QMetaObject::invokeMethod(m_owner, m_drainSlot, Qt::QueuedConnection);
        }
    }

    QList<FinishedJob> take()
    {
        QMutexLocker lock(&m_mutex);
        m_wakePosted = false;
        return std::exchange(m_jobs, {});
    }

    void detach()
    {
        QMutexLocker lock(&m_mutex);
        m_owner = nullptr;
    }

private:
    QMutex m_mutex;
    QObject *m_owner;
    const char *m_drainSlot;
    QList<FinishedJob> m_jobs;
    bool m_wakePosted = false;
};

} // namespace QueueDesk
