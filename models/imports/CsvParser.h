#pragma once

#include <QByteArray>
#include <QList>

class QIODevice;

namespace shopdesk {

// Splits CSV bytes into records and fields (RFC 4180: quoted fields, doubled
// quotes, separators and line breaks inside quotes; CRLF or LF), reading the
// device in 64 KiB chunks and holding one record at a time. It works on
// bytes, before any decoding: in UTF-8 and in Windows-1251 alike the quote,
// the separators and the line breaks are single ASCII bytes that never occur
// inside another character, so the split is the same whichever the encoding
// turns out to be.
class CsvParser
{
public:
    struct Record
    {
        int line = 0; // the 1-based line the record starts on
        QList<QByteArray> fields;
        bool nonAscii = false; // a byte >= 0x80 somewhere in it
    };
    enum class Failure {
        None,
        UnclosedQuote, // at the end of the file, in the record starting on failureLine()
        TooLong, // a record over maxRecordBytes: most likely a quote never closed
    };
    // Without this limit, a quote left open early in a large file would make
    // the rest of the file one record, held in memory whole.
    static constexpr qsizetype maxRecordBytes = 4 * 1024 * 1024;

    // Reads `device` from its current position; the device must outlive the parser.
    CsvParser(QIODevice *device, char separator) : m_device(device), m_separator(separator) { }

    // The next non-empty record; false at the end or on a failure.
    bool next(Record *record);
    Failure failure() const { return m_failure; }
    int failureLine() const { return m_record.line; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    bool refill();
    void endField();
    bool endRecord(Record *record);

    QIODevice *m_device;
    char m_separator;
    QByteArray m_chunk;
    qsizetype m_pos = 0;
    State m_state = State::FieldStart;
    int m_line = 1;
    bool m_started = false; // the current record has a byte besides its line break
    qsizetype m_recordBytes = 0;
    QByteArray m_field;
    Record m_record;
    Failure m_failure = Failure::None;
};

} // namespace shopdesk
