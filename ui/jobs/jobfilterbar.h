#pragma once

#include "queue/jobbrowserstore.h"
#include "util/error.h"

#include <QVariantMap>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace QueueDesk {

// The jobs browser's filter: states (stored and derived), queue, type,
// store, payload "key = value" pairs, text in the error, created and
// finished time ranges, and the order. The form is kept in QSettings
// between sessions and can be saved under a name.
class JobFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFilterBar)

public:
    explicit JobFilterBar(QWidget *parent = nullptr);

    // The query the form describes, or why it cannot be read.
    Result<JobBrowserStore::Query> query() const;

    // The form as plain values, for QSettings.
    QVariantMap values() const;
    void setValues(const QVariantMap &values);

    void saveAs(const QString &name);
    bool load(const QString &name);
    QStringList savedNames() const;

    void setStates(const QStringList &names);
    QLineEdit *field(const QString &objectName) const;

    static Result<QJsonObject> parsePayloadPairs(const QString &text);

signals:
    void queryChanged(const QueueDesk::JobBrowserStore::Query &query);

public slots:
    void apply();

private:
    QLineEdit *addField(const QString &name, const QString &placeholder, int width);
    QStringList checkedStates() const;
    static Result<QDateTime> parseTime(const QString &text, const QString &what);
    void refreshSaved();

    QToolButton *m_states;
    QList<QAction *> m_stateActions;
    QList<QLineEdit *> m_fields;
    QComboBox *m_sort;
    QComboBox *m_order;
    QComboBox *m_saved;
    QLabel *m_error;
};

} // namespace QueueDesk
