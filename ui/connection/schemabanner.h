#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace QueueDesk {

// "The QueueDesk schema is missing" with a button that creates it (runs
// the migrations), off with the reason when the role may not.
class SchemaBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaBanner)

public:
    explicit SchemaBanner(QWidget *parent = nullptr);

    // text: what is wrong; deniedWhy: empty when the button may be used.
    void showProblem(const QString &text, const QString &deniedWhy);
    void setBusy(bool busy);
    QLabel *label() const { return m_label; }
    QPushButton *createButton() const { return m_create; }

signals:
    void createRequested();

private:
    QLabel *m_label;
    QPushButton *m_create;
};

} // namespace QueueDesk
