#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace shopdesk {

// An XLSX file's shared strings table, which has to be in memory whole (the
// sheet's cells refer to it by index, in any order). Kept compact: the texts
// side by side in blocks of a million characters, with 12 bytes of index a
// string, instead of a QString each (whose header, allocation and list
// slot cost more than a barcode's text). 300,000 strings (a 100,000-product
// list's names, barcodes and codes) take 17 MiB rather than 37.
class XlsxSharedStrings
{
public:
    void append(QStringView text);
    qsizetype size() const { return m_index.size(); }
    QString at(qsizetype index) const;

private:
    struct Span
    {
        quint32 block;
        quint32 offset;
        quint32 length;
    };
    QList<QString> m_blocks;
    QList<Span> m_index;
};

} // namespace shopdesk
