#pragma once

#include <QStyledItemDelegate>

namespace QueueDesk {

// Paints a cell as a progress bar from the model's percent role (0..100);
// a negative percent (the handler reports none) paints as plain text.
class ProgressBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressBarDelegate)

public:
    explicit ProgressBarDelegate(int percentRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_percentRole;
};

} // namespace QueueDesk
