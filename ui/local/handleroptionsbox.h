#pragma once

#include "engine/handlers/handlersettings.h"

#include <QGroupBox>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace QueueDesk {

// What the local worker's built-in handlers may do. command and sql are off
// unless the operator turns them on, and the box says why.
class HandlerOptionsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandlerOptionsBox)

public:
    explicit HandlerOptionsBox(QWidget *parent = nullptr);

    HandlerSettings settings() const;
    // The check boxes and the allow-list from settings; the rest is not shown.
    void setSettings(const HandlerSettings &settings);
    QCheckBox *commandCheck() const { return m_command; }
    QCheckBox *sqlCheck() const { return m_sql; }
    QLineEdit *allowListEdit() const { return m_allowList; }
    QLabel *note() const { return m_note; }

private:
    void updateNote();

    QCheckBox *m_command;
    QLineEdit *m_allowList;
    QCheckBox *m_sql;
    QLabel *m_note;
};

} // namespace QueueDesk
