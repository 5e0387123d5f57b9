#include "XlsxTableReader.h"

#include "XlsxCell.h"
#include "XlsxPart.h"
#include "ZipArchive.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

XlsxTableReader::XlsxTableReader(const QString &path) : TableReader(path) { }

XlsxTableReader::~XlsxTableReader() = default;

Result<void> XlsxTableReader::open()
{
    m_zip = std::make_unique<ZipArchive>(path());
    if (!m_zip->isOpen())
        return fileError(tr("%1 cannot be read as an XLSX file: it is damaged or incomplete "
                            "(not a whole zip archive).")
                             .arg(path()));
    Result<XlsxWorkbook::Sheet> sheet = XlsxWorkbook::firstSheet(m_zip.get());
    if (!sheet)
        return sheet.error();
    m_sheet = sheet.value();
    Result<XlsxSharedStrings> strings = XlsxWorkbook::sharedStrings(m_zip.get());
    if (!strings)
        return strings.error();
    m_sharedStrings = std::move(strings).value();
    m_part = std::make_unique<XlsxPart>(m_zip.get(), m_sheet.path);
    if (m_part->status() != XlsxPart::Status::Ok)
        return fileError(
            tr("The file is damaged: its first sheet (%1) cannot be unpacked.").arg(m_sheet.path));
    prime();
    return {};
}

StoreError XlsxTableReader::sheetFailure() const
{
    // Inside a row, that row; between rows, the one that would come next.
    const int near = m_inRow ? m_lastRow : m_lastRow + 1;
    if (m_part->status() == XlsxPart::Status::Malformed)
        return fileError(tr("The file is damaged: the sheet “%1” is not valid XML near row %2 "
                            "(%3).")
                             .arg(m_sheet.name)
                             .arg(near)
                             .arg(m_part->xmlError()));
    return fileError(tr("The file is damaged or incomplete: the sheet “%1” cannot be unpacked "
                        "near row %2.")
                         .arg(m_sheet.name)
                         .arg(near));
}

bool XlsxTableReader::readRow(TableRow *row, std::optional<StoreError> *error)
{
    while (m_part->next()) {
        const QXmlStreamReader &xml = m_part->xml();
        if (!xml.isStartElement() || xml.name() != u"row")
            continue;
        const QStringView reference = xml.attributes().value("r"_L1);
        int number = m_lastRow + 1;
        if (!reference.isEmpty()) {
            bool ok = false;
            number = reference.toInt(&ok);
            if (!ok || number <= m_lastRow || number > XlsxCell::maxRows) {
                *error = fileError(tr("The file is damaged: after row %1 comes a row numbered "
                                      "“%2”.")
                                       .arg(m_lastRow)
                                       .arg(reference.toString()));
                return false;
            }
        }
        m_lastRow = number;
        row->number = number;
        row->cells.clear();
        m_inRow = true;
        *error = readCells(row);
        m_inRow = false;
        if (*error)
            return false;
        // A row with only formatting is not a row of the list.
        for (const QString &cell : std::as_const(row->cells))
            if (!cell.isEmpty())
                return true;
    }
    if (m_part->status() != XlsxPart::Status::Ok)
        *error = sheetFailure();
    return false;
}

std::optional<StoreError> XlsxTableReader::readCells(TableRow *row)
{
    int nextColumn = 0;
    while (m_part->next()) {
        const QXmlStreamReader &xml = m_part->xml();
        if (xml.isEndElement() && xml.name() == u"row")
            return std::nullopt;
        if (xml.isStartElement() && xml.name() == u"c")
            if (std::optional<StoreError> error = readCell(&row->cells, &nextColumn, row->number))
                return error;
    }
    // The sheet ended inside the row.
    return m_part->status() == XlsxPart::Status::Ok
        ? fileError(tr("The file is damaged: the sheet “%1” ends inside row %2.")
                        .arg(m_sheet.name)
                        .arg(row->number))
        : sheetFailure();
}

std::optional<StoreError> XlsxTableReader::readCell(QStringList *cells, int *nextColumn, int row)
{
    const QXmlStreamReader &xml = m_part->xml();
    const QString reference = xml.attributes().value("r"_L1).toString();
    const QString type = xml.attributes().value("t"_L1).toString();
    int column = *nextColumn;
    if (!reference.isEmpty()) {
        int referenceRow = 0;
        if (!XlsxCell::parseReference(reference, &column, &referenceRow) || referenceRow != row)
            return fileError(tr("The file is damaged: row %1 has a cell “%2” that is not in it.")
                                 .arg(row)
                                 .arg(reference));
    } else if (column >= XlsxCell::maxColumns) {
        return fileError(tr("The file is damaged: row %1 has more than %Ln columns.", nullptr,
                            XlsxCell::maxColumns)
                             .arg(row));
    }
    *nextColumn = column + 1;

    bool inlineString = false;
    const QString content = cellContent(&inlineString);
    if (m_part->status() != XlsxPart::Status::Ok)
        return sheetFailure();
    QString text;
    if (type == u"s") {
        bool ok = false;
        const qsizetype index = content.toLongLong(&ok);
        if (!ok || index < 0 || index >= m_sharedStrings.size())
            return fileError(tr("The file is damaged: row %1, column %2 refers to shared text "
                                "number %3, which the file does not have.")
                                 .arg(row)
                                 .arg(XlsxCell::columnLetters(column), content));
        text = m_sharedStrings.at(index);
    } else if (type == u"b") {
        text = content == u"1" ? u"TRUE"_s : u"FALSE"_s;
        if (content.isEmpty())
            text.clear();
    } else if (type.isEmpty() || type == u"n") {
        text = XlsxCell::numberText(content);
    } else {
        text = content; // inlineStr, str (a formula's text), e (#N/A), d (ISO date)
    }
    // An empty cell (formatting only) does not widen the row.
    if (!text.isEmpty()) {
        while (cells->size() <= column)
            cells->append(QString());
        (*cells)[column] = text;
    }
    return std::nullopt;
}

QString XlsxTableReader::cellContent(bool *inlineString)
{
    QString value;
    QString inlineText;
    bool phonetic = false;
    while (m_part->next()) {
        const QXmlStreamReader &xml = m_part->xml();
        if (xml.isEndElement()) {
            if (xml.name() == u"c")
                break;
            if (xml.name() == u"rPh")
                phonetic = false;
            continue;
        }
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"v") {
            value = m_part->readElementText();
        } else if (xml.name() == u"is") {
            *inlineString = true;
        } else if (xml.name() == u"rPh") {
            phonetic = true;
        } else if (xml.name() == u"t" && !phonetic) {
            inlineText += m_part->readElementText(); // <is><t> or <is><r><t>
        } else if (xml.name() == u"f") {
            (void)m_part->readElementText(); // the formula; its cached result is <v>
        }
    }
    return *inlineString ? inlineText : value;
}

} // namespace shopdesk
