#pragma once

#include "models/core/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace shopdesk {

// One row of a supplier's file: its cells' texts, left to right (a missing
// cell is an empty string), and where it is in the file, so a message about
// it can send the user to the right place.
struct TableRow
{
    // 1-based: the spreadsheet's row number in an XLSX file; in a CSV file
    // the line the record starts on (empty lines are skipped but counted, as
    // a text editor counts them).
    int number = 0;
    QStringList cells;
};

// Reads a supplier's price list (CSV or XLSX) row by row, without ever
// holding the whole file or sheet in memory, so a 100,000-row list costs no
// more memory than a 10-row one. The header is simply the first row: the
// caller decides what it means.
//
//     auto reader = TableReader::openFile(path);
//     if (!reader) return reader.error();
//     while (!reader.value()->atEnd()) {
//         const Result<TableRow> row = reader.value()->next();
//         if (!row) return row.error(); // names the row (and column)
//         ...
//     }
//
// Errors are StoreError::invalid on the field "file", their message naming
// the row and, when known, the column; after an error atEnd() is true.
class TableReader
{
    Q_DECLARE_TR_FUNCTIONS(TableReader)
public:
    virtual ~TableReader();
    TableReader(const TableReader &) = delete;
    TableReader &operator=(const TableReader &) = delete;

    // The reader for the file's content (a zip archive is read as XLSX,
    // anything else as CSV, whatever the extension says), already open.
    static Result<std::unique_ptr<TableReader>> openFile(const QString &path);

    // Opens the file and checks what can be checked before the first row
    // (a CSV file's encoding, an XLSX file's first worksheet).
    virtual Result<void> open() = 0;
    // True when every row has been read, or reading stopped on an error.
    bool atEnd() const { return m_atEnd; }
    // The next row. Call only while !atEnd().
    Result<TableRow> next();

    // The field every error names.
    static QString fileField();

protected:
    explicit TableReader(const QString &path) : m_path(path) { }
    const QString &path() const { return m_path; }
    // The first row not yet returned; false at the end or on an error
    // (then *error is set). Called ahead, so atEnd() is known.
    virtual bool readRow(TableRow *row, std::optional<StoreError> *error) = 0;
    // Reads the first row ahead; the readers call it at the end of open().
    void prime();
    // An error for the file as a whole ("is not an XLSX file").
    StoreError fileError(const QString &message) const;

private:
    QString m_path;
    TableRow m_ahead;
    std::optional<StoreError> m_error;
    bool m_atEnd = true;
};

} // namespace shopdesk
