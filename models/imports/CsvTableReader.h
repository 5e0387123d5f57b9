#pragma once

#include "CsvParser.h"
#include "TableReader.h"

#include <QFile>
#include <QStringDecoder>

#include <memory>

namespace shopdesk {

// A supplier's CSV file: UTF-8 (with or without a byte order mark) or
// Windows-1251, its separator `,` `;` or tab, RFC 4180 quoting.
//
// open() reads the file once without keeping any of it: it finds the
// separator from the first record (the one that splits it into the most
// fields outside quotes), decides the encoding (a file whose non-ASCII rows
// are all valid UTF-8 is UTF-8, one where none are is Windows-1251) and
// refuses a file that mixes the two or leaves a quote open, naming the row.
// Then next() reads it again, one record at a time. Memory stays one record
// plus a 64 KiB buffer whatever the file's size.
class CsvTableReader final : public TableReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvTableReader)
public:
    enum class Encoding { Utf8, Windows1251 };

    explicit CsvTableReader(const QString &path) : TableReader(path) { }
    Result<void> open() override;

    // What open() found (for a preview: "Windows-1251, separated by ;").
    Encoding encoding() const { return m_encoding; }
    static QString encodingName(Encoding encoding);
    char separator() const { return m_separator; }

protected:
    bool readRow(TableRow *row, std::optional<StoreError> *error) override;

private:
    char detectSeparator();
    Result<void> checkEncoding();
    std::optional<StoreError> parseFailure(const CsvParser &parser) const;
    QString decode(const QByteArray &field);

    QFile m_file;
    qint64 m_dataStart = 0; // after the byte order mark
    bool m_bom = false;
    char m_separator = ',';
    Encoding m_encoding = Encoding::Utf8;
    QStringDecoder m_decoder;
    std::unique_ptr<CsvParser> m_parser;
};

} // namespace shopdesk
