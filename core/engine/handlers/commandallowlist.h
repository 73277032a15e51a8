#pragma once

#include "util/error.h"

#include <QStringList>

namespace QueueDesk {

// The programs an operator lets command jobs run: absolute paths, or names
// looked up in PATH. A job may name a program either way; it runs only if it
// is the same file as an entry, and then the entry's own path is what runs.
class CommandAllowList final
{
public:
    explicit CommandAllowList(QStringList entries);

    // The absolute path to run for a requested program, or why it may not run.
    Result<QString> resolve(const QString &program) const;

private:
    // Where an entry or a requested program lives: empty when it cannot be found.
    static QString locate(const QString &program);
    static QString canonical(const QString &path);

    QStringList m_entries;
};

} // namespace QueueDesk
