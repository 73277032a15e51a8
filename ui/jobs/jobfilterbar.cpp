#include "jobfilterbar.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>

namespace QueueDesk {

namespace {

const QString lastKey = u"jobs/lastFilter"_s;
const QString savedGroup = u"jobs/savedFilters"_s;
const QStringList stateNames{u"scheduled"_s, u"delayed"_s, u"retrying"_s, u"waiting"_s, u"active"_s,
                             u"stalled"_s, u"completed"_s, u"failed"_s, u"cancelled"_s};

} // namespace

JobFilterBar::JobFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_states(new QToolButton(this))
    , m_sort(new QComboBox(this))
    , m_order(new QComboBox(this))
    , m_saved(new QComboBox(this))
    , m_error(new QLabel(this))
{
    m_states->setText(tr("States"));
    m_states->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_states);
    for (const QString &name : stateNames) {
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setData(name);
        m_stateActions.append(action);
    }
    m_states->setMenu(menu);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_states, 0, 0);
    const QList<std::tuple<QString, QString, int>> fields{
        {u"queue"_s, tr("queues, comma separated"), 140}, {u"type"_s, tr("type"), 100},
        {u"store"_s, tr("store"), 100}, {u"payload"_s, tr("payload: url = https://…"), 200},
        {u"error"_s, tr("text in the error"), 140}, {u"createdFrom"_s, tr("created from (yyyy-MM-dd HH:mm)"), 120},
        {u"createdTo"_s, tr("created before"), 120}, {u"finishedFrom"_s, tr("finished from"), 120},
        {u"finishedTo"_s, tr("finished before"), 120}};
    int column = 1;
    for (const auto &[name, placeholder, width] : fields) {
        QLineEdit *edit = addField(name, placeholder, width);
        layout->addWidget(edit, column < 6 ? 0 : 1, column < 6 ? column : column - 6);
        ++column;
    }
    // Jobs by finish time is what a finish-time range asks for, and the one
    // order that range has an index for (id order walks every newer job).
    for (const QString &name : {u"finishedFrom"_s, u"finishedTo"_s}) {
        connect(field(name), &QLineEdit::textEdited, this, [this](const QString &text) {
            const QString sort = m_sort->currentData().toString();
            if (!text.isEmpty() && (sort == JobBrowserStore::sortName(JobBrowserStore::Sort::Id)
                                    || sort == JobBrowserStore::sortName(JobBrowserStore::Sort::Created)))
                m_sort->setCurrentIndex(m_sort->findData(JobBrowserStore::sortName(JobBrowserStore::Sort::Finished)));
        });
    }
    m_sort->setObjectName(u"sort"_s);
    for (auto sort : {JobBrowserStore::Sort::Id, JobBrowserStore::Sort::Created, JobBrowserStore::Sort::Priority,
                      JobBrowserStore::Sort::RunAt, JobBrowserStore::Sort::Finished, JobBrowserStore::Sort::Runtime})
        m_sort->addItem(JobBrowserStore::sortName(sort), JobBrowserStore::sortName(sort));
    m_order->addItem(tr("newest first"), true);
    m_order->addItem(tr("oldest first"), false);
    m_saved->setObjectName(u"savedFilters"_s);
    m_saved->setPlaceholderText(tr("Saved filters"));
    auto *applyButton = new QPushButton(tr("Apply"), this);
    auto *saveButton = new QPushButton(tr("Save as…"), this);
    layout->addWidget(m_sort, 1, 4);
    layout->addWidget(m_order, 1, 5);
    layout->addWidget(m_saved, 2, 0, 1, 2);
    layout->addWidget(saveButton, 2, 2);
    layout->addWidget(applyButton, 2, 3);
    layout->addWidget(m_error, 2, 4, 1, 2);
    m_error->setObjectName(u"filterError"_s);
    m_error->setStyleSheet(u"color: #b00020"_s);
    connect(applyButton, &QPushButton::clicked, this, &JobFilterBar::apply);
    connect(saveButton, &QPushButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("Save filter"), tr("Name:"));
        if (!name.trimmed().isEmpty())
            saveAs(name.trimmed());
    });
    connect(m_saved, &QComboBox::textActivated, this, [this](const QString &name) {
        if (load(name))
            apply();
    });
    setValues(QSettings().value(lastKey).toMap());
    refreshSaved();
}

QLineEdit *JobFilterBar::addField(const QString &name, const QString &placeholder, int width)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setMinimumWidth(width);
    connect(edit, &QLineEdit::returnPressed, this, &JobFilterBar::apply);
    m_fields.append(edit);
    return edit;
}

QLineEdit *JobFilterBar::field(const QString &objectName) const
{
    for (QLineEdit *edit : m_fields) {
        if (edit->objectName() == objectName)
            return edit;
    }
    return nullptr;
}

QStringList JobFilterBar::checkedStates() const
{
    QStringList names;
    for (QAction *action : m_stateActions) {
        if (action->isChecked())
            names.append(action->data().toString());
    }
    return names;
}

void JobFilterBar::setStates(const QStringList &names)
{
    for (QAction *action : m_stateActions)
        action->setChecked(names.contains(action->data().toString()));
    m_states->setText(names.isEmpty() ? tr("States") : names.join(u", "_s));
}

Result<QJsonObject> JobFilterBar::parsePayloadPairs(const QString &text)
{
    // "url = https://a.b/c, id = 7": a value that parses as JSON (numbers,
    // true, null, quoted strings) is matched as that; anything else as text.
    QJsonObject object;
    for (const QString &pair : text.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        const QString key = pair.left(eq).trimmed();
        if (eq < 0 || key.isEmpty())
            return Error(Error::Code::InvalidArgument, tr("Write payload filters as key = value, not \"%1\".")
                                                           .arg(pair.trimmed()));
        const QString value = pair.mid(eq + 1).trimmed();
        const QJsonDocument doc = QJsonDocument::fromJson(u"[%1]"_s.arg(value).toUtf8());
        if (doc.isArray() && doc.array().size() == 1)
            object.insert(key, doc.array().at(0));
        else
            object.insert(key, value);
    }
    return object;
}

Result<QDateTime> JobFilterBar::parseTime(const QString &text, const QString &what)
{
    if (text.trimmed().isEmpty())
        return QDateTime();
    for (const QString &format : {u"yyyy-MM-dd HH:mm:ss"_s, u"yyyy-MM-dd HH:mm"_s, u"yyyy-MM-dd"_s}) {
        const QDateTime when = QDateTime::fromString(text.trimmed(), format);
        if (when.isValid())
            return when;
    }
    const QDateTime iso = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (iso.isValid())
        return iso;
    return Error(Error::Code::InvalidArgument, tr("The %1 time \"%2\" is not a date like 2026-01-31 14:00.")
                                                   .arg(what, text.trimmed()));
}

Result<JobBrowserStore::Query> JobFilterBar::query() const
{
    JobBrowserStore::Query query;
    for (const QString &name : checkedStates()) {
        if (name == u"delayed"_s)
            query.delayed = true;
        else if (name == u"retrying"_s)
            query.retrying = true;
        else if (name == u"stalled"_s)
            query.stalled = true;
        else if (auto state = jobStateFromName(name))
            query.filter.states.append(*state);
    }
    for (const QString &queue : field(u"queue"_s)->text().split(u',', Qt::SkipEmptyParts))
        query.filter.queues.append(queue.trimmed());
    query.filter.type = field(u"type"_s)->text().trimmed();
    if (const QString store = field(u"store"_s)->text().trimmed(); !store.isEmpty())
        query.filter.store = store;
    query.filter.errorContains = field(u"error"_s)->text().trimmed();
    auto payload = parsePayloadPairs(field(u"payload"_s)->text());
    if (!payload)
        return payload.error();
    query.filter.payloadEquals = payload.value();
    const QList<std::pair<QString, QDateTime *>> times{
        {u"createdFrom"_s, &query.filter.createdAfter}, {u"createdTo"_s, &query.filter.createdBefore},
        {u"finishedFrom"_s, &query.filter.finishedAfter}, {u"finishedTo"_s, &query.filter.finishedBefore}};
    for (const auto &[name, target] : times) {
        auto when = parseTime(field(name)->text(), field(name)->placeholderText());
        if (!when)
            return when.error();
        *target = when.value();
    }
    query.sort = JobBrowserStore::sortFromName(m_sort->currentData().toString()).value_or(JobBrowserStore::Sort::Id);
    query.descending = m_order->currentData().toBool();
    return query;
}

QVariantMap JobFilterBar::values() const
{
    QVariantMap values;
    for (QLineEdit *edit : m_fields)
        values.insert(edit->objectName(), edit->text());
    values.insert(u"states"_s, checkedStates());
    values.insert(u"sort"_s, m_sort->currentData());
    values.insert(u"descending"_s, m_order->currentData());
    return values;
}

void JobFilterBar::setValues(const QVariantMap &values)
{
    for (QLineEdit *edit : m_fields)
        edit->setText(values.value(edit->objectName()).toString());
    setStates(values.value(u"states"_s).toStringList());
    m_sort->setCurrentIndex(qMax(0, m_sort->findData(values.value(u"sort"_s, u"id"_s))));
    m_order->setCurrentIndex(values.value(u"descending"_s, true).toBool() ? 0 : 1);
}

void JobFilterBar::apply()
{
    auto current = query();
    m_error->setText(current ? QString() : current.error().message);
    if (!current)
        return;
    m_states->setText(checkedStates().isEmpty() ? tr("States") : checkedStates().join(u", "_s));
    QSettings().setValue(lastKey, values());
    emit queryChanged(current.value());
}

void JobFilterBar::saveAs(const QString &name)
{
    QSettings settings;
    settings.beginGroup(savedGroup);
    settings.setValue(name, values());
    settings.endGroup();
    refreshSaved();
}

bool JobFilterBar::load(const QString &name)
{
    QSettings settings;
    settings.beginGroup(savedGroup);
    if (!settings.contains(name))
        return false;
    setValues(settings.value(name).toMap());
    return true;
}

QStringList JobFilterBar::savedNames() const
{
    QSettings settings;
    settings.beginGroup(savedGroup);
    return settings.childKeys();
}

void JobFilterBar::refreshSaved()
{
    m_saved->clear();
    m_saved->addItems(savedNames());
    m_saved->setCurrentIndex(-1);
}

} // namespace QueueDesk
