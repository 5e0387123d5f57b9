#include "CsvWriter.h"

using namespace Qt::StringLiterals;

namespace shopdesk::CsvWriter {

QString field(const QString &value)
{
    QString text = value;
    if (!text.isEmpty() &&
        (text[0] == u'=' || text[0] == u'+' || text[0] == u'-' || text[0] == u'@')) {
        bool numeric = false;
        text.toDouble(&numeric);
        if (!numeric)
            text.prepend(u'\'');
    }
    const bool quote = text.contains(u',') || text.contains(u'"') || text.contains(u'\n') ||
        text.contains(u'\r') || text.startsWith(u' ') || text.endsWith(u' ');
    if (!quote)
        return text;
    return u"\""_s + text.replace(u"\""_s, u"\"\""_s) + u"\""_s;
}

QByteArray line(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields)
        quoted << field(f);
    return (quoted.join(u',') + u"\r\n"_s).toUtf8();
}

} // namespace shopdesk::CsvWriter
