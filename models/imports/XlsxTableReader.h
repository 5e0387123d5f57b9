#pragma once

#include "TableReader.h"
#include "XlsxWorkbook.h"

#include <memory>

namespace shopdesk {

class XlsxPart;
class ZipArchive;

// The first sheet of a supplier's XLSX file, row by row. The sheet's XML is
// parsed as minizip inflates it (XlsxPart), so memory is the shared strings
// table plus one row, not the sheet. Row numbers are the spreadsheet's
// (<row r="7">; a row without one follows the one before); a cell is placed
// by its reference (r="C7"), cells missing in between are empty strings.
// Rows with no text in any cell (formatting only) are skipped.
//
// Cell texts: shared and inline strings as written (rich-text runs joined),
// formula results as cached in the file, booleans as TRUE/FALSE, numbers as
// XlsxCell::numberText gives them. Dates come as the spreadsheet's serial
// numbers: cell styles are not read.
class XlsxTableReader final : public TableReader
{
    Q_DECLARE_TR_FUNCTIONS(XlsxTableReader)
public:
    explicit XlsxTableReader(const QString &path);
    ~XlsxTableReader() override;
    Result<void> open() override;

    // The sheet read (its name on the tab), for a preview's caption.
    QString sheetName() const { return m_sheet.name; }

protected:
    bool readRow(TableRow *row, std::optional<StoreError> *error) override;

private:
    std::optional<StoreError> readCells(TableRow *row);
    std::optional<StoreError> readCell(QStringList *cells, int *nextColumn, int row);
    // The <v> or inline string of the current <c>, up to its end.
    QString cellContent(bool *inlineString);
    StoreError sheetFailure() const;

    std::unique_ptr<ZipArchive> m_zip;
    XlsxWorkbook::Sheet m_sheet;
    XlsxSharedStrings m_sharedStrings;
    std::unique_ptr<XlsxPart> m_part;
    int m_lastRow = 0; // the last <row> started
    bool m_inRow = false;
};

} // namespace shopdesk
