#include "schedulespage.h"

#include "engine/scheduler/scheduleservice.h"
#include "engine/scheduler/systemclock.h"
#include "schedules/scheduledialog.h"
#include "schedules/schedulesmodel.h"
#include "store/storeclient.h"

#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace QueueDesk {

namespace {

ScheduleService service(QSqlDatabase &db)
{
    return ScheduleService(db, std::make_shared<SystemClock>());
}

} // namespace

SchedulesPage::SchedulesPage(StoreClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new SchedulesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SchedulesModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SchedulesModel::ColName, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setObjectName(u"schedulesView"_s);

    auto *toolbar = new QToolBar(this);
    toolbar->addAction(tr("Refresh"), this, &SchedulesPage::refresh);
    toolbar->addAction(tr("Add…"), this, &SchedulesPage::addSchedule);
    m_edit = toolbar->addAction(tr("Edit…"), this, &SchedulesPage::editSelected);
    m_enable = toolbar->addAction(tr("Enable"), this, [this] { setSelectedEnabled(true); });
    m_disable = toolbar->addAction(tr("Disable"), this, [this] { setSelectedEnabled(false); });
    m_trigger = toolbar->addAction(tr("Trigger now"), this, &SchedulesPage::triggerSelected);
    m_delete = toolbar->addAction(tr("Delete…"), this, &SchedulesPage::deleteSelected);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);
    layout->addWidget(m_status);

    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu;
        menu.addActions({m_edit, m_enable, m_disable, m_trigger, m_delete});
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, &SchedulesPage::editSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SchedulesPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SchedulesPage::updateActions);
    updateActions();
}

QString SchedulesPage::statusText() const
{
    return m_status->text();
}

void SchedulesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void SchedulesPage::refresh()
{
    using List = Result<QList<Schedule>>;
    m_client->run<List>(this, u"schedules"_s, [](QSqlDatabase &db) -> List { return service(db).list(); },
                        [this](const List &list) {
                            if (!list) {
                                emit errorOccurred(list.error().toString());
                                return;
                            }
                            m_model->apply(list.value());
                            updateActions();
                        });
}

bool SchedulesPage::selectSchedule(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_view->selectRow(m_proxy->mapFromSource(m_model->index(row, 0)).row());
    return true;
}

QString SchedulesPage::selectedSchedule() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->scheduleAt(m_proxy->mapToSource(rows.first()).row()).name;
}

ScheduleDialog *SchedulesPage::openDialog()
{
    auto *dialog = new ScheduleDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ScheduleDialog::saved, this, [this](const QString &name) {
        finish({}, tr("Saved schedule %1.").arg(name));
    });
    dialog->open();
    return dialog;
}

ScheduleDialog *SchedulesPage::addSchedule()
{
    return openDialog();
}

ScheduleDialog *SchedulesPage::editSelected()
{
    const int row = m_model->rowOf(selectedSchedule());
    if (row < 0)
        return nullptr;
    ScheduleDialog *dialog = openDialog();
    dialog->setSchedule(m_model->scheduleAt(row), true);
    return dialog;
}

void SchedulesPage::finish(const QString &error, const QString &done)
{
    m_status->setText(error.isEmpty() ? done : error);
    if (error.isEmpty())
        emit actionFinished(done);
    else
        emit errorOccurred(error);
    refresh();
}

void SchedulesPage::setSelectedEnabled(bool enabled)
{
    const QString name = selectedSchedule();
    if (name.isEmpty())
        return;
    m_client->run<Status>(this, {}, [name, enabled](QSqlDatabase &db) { return service(db).setEnabled(name, enabled); },
                          [this, name, enabled](const Status &status) {
                              finish(status ? QString() : status.error().message,
                                     enabled ? tr("Enabled %1.").arg(name) : tr("Disabled %1.").arg(name));
                          });
}

void SchedulesPage::triggerSelected()
{
    const QString name = selectedSchedule();
    if (name.isEmpty())
        return;
    using Reply = Result<qint64>;
    m_client->run<Reply>(this, {}, [name](QSqlDatabase &db) -> Reply { return service(db).trigger(name); },
                                  [this, name](const Reply &id) {
                                      finish(id ? QString() : id.error().message,
                                             id ? tr("Triggered %1: job %2.").arg(name).arg(id.value()) : QString());
                                  });
}

void SchedulesPage::deleteSelected()
{
    const QString name = selectedSchedule();
    if (name.isEmpty())
        return;
    const bool sure = m_confirm ? m_confirm(name)
                                : QMessageBox::question(this, tr("Delete schedule"),
                                                        tr("Delete the schedule %1? Jobs it already enqueued stay.")
                                                            .arg(name)) == QMessageBox::Yes;
    if (!sure)
        return;
    m_client->run<Status>(this, {}, [name](QSqlDatabase &db) { return service(db).remove(name); },
                          [this, name](const Status &status) {
                              finish(status ? QString() : status.error().message, tr("Deleted %1.").arg(name));
                          });
}

void SchedulesPage::updateActions()
{
    const int row = m_model->rowOf(selectedSchedule());
    const bool selected = row >= 0;
    const bool enabled = selected && m_model->scheduleAt(row).enabled;
    m_edit->setEnabled(selected);
    m_enable->setEnabled(selected && !enabled);
    m_disable->setEnabled(enabled);
    m_trigger->setEnabled(selected);
    m_delete->setEnabled(selected);
}

} // namespace QueueDesk
