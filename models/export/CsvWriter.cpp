#include "CsvWriter.h"

using namespace Qt::StringLiterals;

namespace shopdesk::CsvWriter {

QString field(const QString &value, QChar separator)
{
    QString text = value;
    if (!text.isEmpty() &&
        (text[0] == u'=' || text[0] == u'+' || text[0] == u'-' || text[0] == u'@')) {
        // "-1,5" is a number in a comma-decimal file as much as "-1.5".
        bool numeric = false;
        QString(text).replace(u',', u'.').toDouble(&numeric);
        if (!numeric)
            text.prepend(u'\'');
    }
    const bool quote = text.contains(separator) || text.contains(u'"') || text.contains(u'\n') ||
        text.contains(u'\r') || text.startsWith(u' ') || text.endsWith(u' ');
    if (!quote)
        return text;
    return u"\""_s + text.replace(u"\""_s, u"\"\""_s) + u"\""_s;
}

QByteArray line(const QStringList &fields, QChar separator)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields)
        quoted << field(f, separator);
    return (quoted.join(separator) + u"\r\n"_s).toUtf8();
}

} // namespace shopdesk::CsvWriter
