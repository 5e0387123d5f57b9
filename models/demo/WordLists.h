#pragma once

#include "models/core/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace shopdesk {

// A word list shipped in resources/demo: one record per line, fields split by ';'.
class WordList
{
public:
    // Loads :/demo/<name>.txt; every line must have `fields` fields.
    static Result<WordList> load(const QString &name, int fields);

    qsizetype size() const { return m_rows.size(); }
    const QStringList &row(qsizetype i) const { return m_rows.at(i); }
    // Column `field` of every row.
    QStringList column(int field) const;

private:
    QList<QStringList> m_rows;
};

} // namespace shopdesk
