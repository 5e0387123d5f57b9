#include "CsvTableReader.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

bool isUtf8(const QList<QByteArray> &fields)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    for (const QByteArray &field : fields) {
        // decode() is lazy: the bytes are read only when made a QString.
        const QString text = utf8.decode(field);
        if (utf8.hasError())
            return false;
    }
    return true;
}

} // namespace

QString CsvTableReader::encodingName(Encoding encoding)
{
    return encoding == Encoding::Utf8 ? u"UTF-8"_s : u"Windows-1251"_s;
}

Result<void> CsvTableReader::open()
{
    m_file.setFileName(path());
    if (!m_file.open(QIODevice::ReadOnly))
        return fileError(TableReader::tr("Cannot open %1: %2").arg(path(), m_file.errorString()));
    m_bom = m_file.peek(3) == QByteArrayView("\xEF\xBB\xBF");
    m_dataStart = m_bom ? 3 : 0;
    m_separator = detectSeparator();
    if (Result<void> checked = checkEncoding(); !checked)
        return checked;
    m_decoder = m_encoding == Encoding::Utf8 ? QStringDecoder(QStringDecoder::Utf8)
                                             : QStringDecoder("windows-1251");
    if (!m_decoder.isValid()) // Qt built without ICU cannot decode it
        return fileError(tr("%1 is in Windows-1251, which this computer cannot read; save it in "
                            "UTF-8 instead.")
                             .arg(path()));
    m_file.seek(m_dataStart);
    m_parser = std::make_unique<CsvParser>(&m_file, m_separator);
    prime();
    return {};
}

char CsvTableReader::detectSeparator()
{
    // The header decides: the separator that splits it into the most fields.
    // On a tie (a one-column file) the comma, the standard's.
    char best = ',';
    qsizetype bestFields = 0;
    for (const char candidate : {',', ';', '\t'}) {
        m_file.seek(m_dataStart);
        CsvParser parser(&m_file, candidate);
        CsvParser::Record header;
        if (parser.next(&header) && header.fields.size() > bestFields) {
            best = candidate;
            bestFields = header.fields.size();
        }
    }
    return best;
}

Result<void> CsvTableReader::checkEncoding()
{
    m_file.seek(m_dataStart);
    CsvParser parser(&m_file, m_separator);
    CsvParser::Record record;
    // The first row with a non-ASCII byte sets the encoding (a byte order
    // mark sets it before any row); every later one must agree.
    int firstRow = 0;
    bool decided = m_bom;
    m_encoding = Encoding::Utf8;
    while (parser.next(&record)) {
        if (!record.nonAscii)
            continue;
        const Encoding encoding = isUtf8(record.fields) ? Encoding::Utf8 : Encoding::Windows1251;
        if (!decided) {
            decided = true;
            firstRow = record.line;
            m_encoding = encoding;
        } else if (encoding != m_encoding) {
            if (firstRow == 0)
                return fileError(tr("Row %1 is not in UTF-8, though the file starts with UTF-8's "
                                    "byte order mark: the file mixes two encodings. Save it "
                                    "again in one encoding (UTF-8 or Windows-1251).")
                                     .arg(record.line));
            return fileError(tr("Row %1 is in %2, but row %3 is in %4: the file mixes two "
                                "encodings. Save it again in one encoding (UTF-8 or "
                                "Windows-1251).")
                                 .arg(record.line)
                                 .arg(encodingName(encoding))
                                 .arg(firstRow)
                                 .arg(encodingName(m_encoding)));
        }
    }
    if (std::optional<StoreError> failure = parseFailure(parser))
        return *failure;
    return {};
}

std::optional<StoreError> CsvTableReader::parseFailure(const CsvParser &parser) const
{
    switch (parser.failure()) {
    case CsvParser::Failure::None:
        if (m_file.error() != QFileDevice::NoError)
            return fileError(tr("Cannot read %1: %2").arg(path(), m_file.errorString()));
        return std::nullopt;
    case CsvParser::Failure::UnclosedQuote:
        return fileError(tr("Row %1: a quote opened in this row is never closed; the file ends "
                            "inside it.")
                             .arg(parser.failureLine()));
    case CsvParser::Failure::TooLong:
        return fileError(tr("Row %1 is longer than %2 MiB: a quote opened in it is probably "
                            "never closed.")
                             .arg(parser.failureLine())
                             .arg(CsvParser::maxRecordBytes / (1024 * 1024)));
    }
    return std::nullopt;
}

QString CsvTableReader::decode(const QByteArray &field)
{
    if (m_encoding == Encoding::Utf8)
        return QString::fromUtf8(field);
    return m_decoder.decode(field);
}

bool CsvTableReader::readRow(TableRow *row, std::optional<StoreError> *error)
{
    CsvParser::Record record;
    if (!m_parser->next(&record)) {
        // open() has read the whole file once, so this is a file changed
        // since, or a disk that failed.
        *error = parseFailure(*m_parser);
        return false;
    }
    row->number = record.line;
    row->cells.reserve(record.fields.size());
    for (const QByteArray &field : std::as_const(record.fields))
        row->cells.append(record.nonAscii ? decode(field) : QString::fromLatin1(field));
    return true;
}

} // namespace shopdesk
