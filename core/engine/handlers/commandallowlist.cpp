#include "commandallowlist.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace QueueDesk {

CommandAllowList::CommandAllowList(QStringList entries)
    : m_entries(std::move(entries))
{
}

QString CommandAllowList::locate(const QString &program)
{
    if (program.contains(u'/'))
        return QDir::isAbsolutePath(program) ? QDir::cleanPath(program) : QString();
    return QStandardPaths::findExecutable(program);
}

QString CommandAllowList::canonical(const QString &path)
{
    return path.isEmpty() ? QString() : QFileInfo(path).canonicalFilePath();
}

Result<QString> CommandAllowList::resolve(const QString &program) const
{
    if (program.contains(u'/') && !QDir::isAbsolutePath(program))
        return Error(Error::Code::InvalidPayload,
                     u"The program \"%1\" must be a name or an absolute path, not a relative one."_s.arg(program));
    const QString requested = canonical(locate(program));
    for (const QString &entry : m_entries) {
        const QString entryPath = locate(entry);
        // A bare name allowed is allowed by that name even before it is installed,
        // so the error below can say "not found" rather than "not allowed".
        const bool sameName = !entry.contains(u'/') && entry == program;
        const bool sameFile = !requested.isEmpty() && canonical(entryPath) == requested;
        if (!sameName && !sameFile)
            continue;
        const QFileInfo info(entryPath);
        if (entryPath.isEmpty() || !info.isFile() || !info.isExecutable())
            return Error(Error::Code::NotFound,
                         u"The program \"%1\" is allowed but was not found on this worker."_s.arg(program));
        return entryPath;
    }
    return Error(Error::Code::InvalidArgument,
                 u"The program \"%1\" is not allowed on this worker: it is not on the command allow-list."_s.arg(program));
}

} // namespace QueueDesk
