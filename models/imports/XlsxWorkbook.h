#pragma once

#include "XlsxSharedStrings.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QStringList>

namespace shopdesk {

class ZipArchive;

// What an XLSX file says before its first sheet's rows: where that sheet is
// and the strings its cells refer to.
class XlsxWorkbook
{
    Q_DECLARE_TR_FUNCTIONS(XlsxWorkbook)
public:
    struct Sheet
    {
        QString name; // as on the tab, for messages
        QString path; // inside the archive: "xl/worksheets/sheet1.xml"
    };

    // The first sheet in the workbook's order (xl/workbook.xml, its target
    // from xl/_rels/workbook.xml.rels), or xl/worksheets/sheet1.xml when
    // those do not name one.
    static Result<Sheet> firstSheet(ZipArchive *zip);
    // The shared strings table (xl/sharedStrings.xml), rich-text runs
    // joined. It is kept in memory whole (the sheet's cells refer to it by
    // index, in any order; see XlsxSharedStrings); the sheet is streamed.
    static Result<XlsxSharedStrings> sharedStrings(ZipArchive *zip);
};

} // namespace shopdesk
