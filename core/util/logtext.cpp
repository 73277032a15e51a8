#include "logtext.h"

namespace QueueDesk::LogText {

using namespace Qt::StringLiterals;

QString escaped(const QString &text, qsizetype maxChars)
{
    const qsizetype kept = maxChars >= 0 ? qMin(text.size(), maxChars) : text.size();
    QString out;
    out.reserve(kept + 16);
    for (qsizetype i = 0; i < kept; ++i) {
        const QChar c = text.at(i);
        const char16_t code = c.unicode();
        if (code == u'\n')
            out += u"\\n"_s;
        else if (code == u'\r')
            out += u"\\r"_s;
        else if (code == u'\t')
            out += u"\\t"_s;
        else if (code == u'\\')
            out += u"\\\\"_s;
        else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code == 0x2028 || code == 0x2029)
            out += u"\\x%1"_s.arg(int(code), code > 0xff ? 4 : 2, 16, QChar(u'0'));
        else
            out += c;
    }
    if (kept < text.size())
        out += u"… [%1 more characters]"_s.arg(text.size() - kept);
    return out;
}

} // namespace QueueDesk::LogText
