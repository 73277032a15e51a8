#pragma once

#include <QString>

namespace QueueDesk::LogText {

// Text from a job or from the server (an error message, which may quote a
// job's own data) on its way into a log line. Control characters are
// written as escapes (\n, \r, \t, \x1b ...), so no job can start a line of
// its own and pass it off as the worker's, and the text is cut at maxChars,
// saying so.
inline constexpr qsizetype defaultMaxChars = 2000;
QString escaped(const QString &text, qsizetype maxChars = defaultMaxChars);

} // namespace QueueDesk::LogText
