#include "PgArray.h"

using namespace Qt::StringLiterals;

namespace shopdesk::PgArray {

QString text(const QStringList &values)
{
    QString out;
    out.reserve(values.size() * 16);
    out += u'{';
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += u',';
        out += u'"';
        for (const QChar c : values.at(i)) {
            if (c == u'"' || c == u'\\')
                out += u'\\';
            out += c;
        }
        out += u'"';
    }
    out += u'}';
    return out;
}

QString integers(const QList<qint64> &values)
{
    QStringList parts;
    parts.reserve(values.size());
    for (qint64 v : values)
        parts.append(QString::number(v));
    return u"{"_s + parts.join(u',') + u"}"_s;
}

} // namespace shopdesk::PgArray
