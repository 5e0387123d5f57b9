#include "TableReader.h"

#include "CsvTableReader.h"
#include "XlsxTableReader.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace shopdesk {

TableReader::~TableReader() = default;

QString TableReader::fileField()
{
    return u"file"_s;
}

Result<std::unique_ptr<TableReader>> TableReader::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return StoreError::invalid(fileField(),
                                   tr("Cannot open %1: %2").arg(path, file.errorString()));
    // The content decides, not the name: a price list saved as .csv by a
    // program that wrote XLSX, or the other way round, is still read.
    const QByteArray magic = file.read(8);
    file.close();
    const bool zip = magic.startsWith("PK\x03\x04");
    if (magic.startsWith("\xD0\xCF\x11\xE0"))
        return StoreError::invalid(fileField(),
                                   tr("%1 is in the old Excel format (XLS), which is not read. "
                                      "Save the price list as XLSX or CSV.")
                                       .arg(path));
    // A file named .xlsx that is not a zip archive would otherwise be read
    // as CSV and come out as rows of garbage.
    if (!zip && QFileInfo(path).suffix().toLower().startsWith(u"xl"))
        return StoreError::invalid(fileField(),
                                   tr("%1 is not an XLSX file (its content is not a zip archive); "
                                      "it may have been renamed. Save the price list as XLSX or "
                                      "CSV.")
                                       .arg(path));
    std::unique_ptr<TableReader> reader;
    if (zip)
        reader = std::make_unique<XlsxTableReader>(path);
    else
        reader = std::make_unique<CsvTableReader>(path);
    if (Result<void> opened = reader->open(); !opened)
        return opened.error();
    return reader;
}

Result<TableRow> TableReader::next()
{
    if (m_error) {
        // The rows before the bad one have been returned; now the reason.
        StoreError error = std::move(*m_error);
        m_error.reset();
        m_atEnd = true;
        return error;
    }
    if (m_atEnd)
        return fileError(tr("There are no more rows in the file."));
    TableRow row = std::move(m_ahead);
    m_ahead = {};
    prime();
    return row;
}

void TableReader::prime()
{
    const bool read = readRow(&m_ahead, &m_error);
    // An error still to be reported is one more call to next().
    m_atEnd = !read && !m_error;
}

StoreError TableReader::fileError(const QString &message) const
{
    return StoreError::invalid(fileField(), message);
}

} // namespace shopdesk
