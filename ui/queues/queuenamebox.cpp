#include "queuenamebox.h"

#include "queue/queuestore.h"
#include "store/storeclient.h"

namespace QueueDesk {

QueueNameBox::QueueNameBox(StoreClient *client, QWidget *parent)
    : QComboBox(parent)
    , m_client(client)
{
}

void QueueNameBox::reload()
{
    using Queues = Result<QList<QueueConfig>>;
    // Keyed per box: a newer reload supersedes an older one of this box only.
    m_client->run<Queues>(this, u"queue-names-"_s + QString::number(quintptr(this), 16), [](QSqlDatabase &db) -> Queues { return QueueStore(db).list(); },
                          [this](const Queues &queues) {
                              if (!queues) {
                                  emit loadFailed(queues.error().message);
                                  return;
                              }
                              const QString current = currentText();
                              clear();
                              for (const QueueConfig &queue : queues.value())
                                  addItem(queue.name);
                              if (isEditable() && !current.isEmpty()) {
                                  setCurrentText(current);
                              } else {
                                  const int keep = findText(current.isEmpty() ? u"default"_s : current);
                                  setCurrentIndex(qMax(0, keep));
                              }
                              m_loaded = true;
                          });
}

} // namespace QueueDesk
