#include "WordLists.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<WordList> WordList::load(const QString &name, int fields)
{
    QFile file(u":/demo/%1.txt"_s.arg(name));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return StoreError::notFound(
            QCoreApplication::translate("WordList", "The word list %1 is missing.").arg(name));
    WordList list;
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList parts = line.split(u';');
        if (parts.size() != fields)
            return StoreError::invalid(
                name,
                QCoreApplication::translate("WordList",
                                            "Line %1 of word list %2 has %3 fields "
                                            "instead of %4.")
                    .arg(lineNo)
                    .arg(name)
                    .arg(parts.size())
                    .arg(fields));
        list.m_rows.append(parts);
    }
    return list;
}

QStringList WordList::column(int field) const
{
    QStringList values;
    values.reserve(m_rows.size());
    for (const QStringList &row : m_rows)
        values.append(row.at(field));
    return values;
}

} // namespace shopdesk
