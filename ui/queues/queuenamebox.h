#pragma once

#include <QComboBox>

namespace QueueDesk {

class StoreClient;

// The database's queue names in a combo box, read on the store thread.
// A reload keeps the queue that was chosen (or typed, when editable); with
// none chosen yet it offers "default".
class QueueNameBox final : public QComboBox
{
    Q_OBJECT

public:
    QueueNameBox(StoreClient *client, QWidget *parent = nullptr);

    void reload();
    bool isLoaded() const { return m_loaded; }

signals:
    void loadFailed(const QString &message);

private:
    StoreClient *m_client;
    bool m_loaded = false;
};

} // namespace QueueDesk
