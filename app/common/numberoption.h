#pragma once

#include "util/error.h"

#include <QString>

namespace QueueDesk {

// Numbers from a command line or an INI file, read strictly: an optional
// sign and digits (and for decimals one point), nothing else, no overflow,
// and within the range. QString::toInt() would take " 12", and turn "abc"
// or 9223372036854775808 into 0 with nobody noticing. The error names the
// option (or INI key) and the allowed range; it is the caller's usage error.
namespace NumberOption {

Result<qint64> wholeNumber(const QString &name, const QString &text, qint64 min, qint64 max);
Result<double> decimal(const QString &name, const QString &text, double min, double max);

} // namespace NumberOption

} // namespace QueueDesk
