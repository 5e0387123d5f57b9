#include "CsvParser.h"

#include <QIODevice>

namespace shopdesk {

namespace {
constexpr qint64 chunkBytes = 64 * 1024;
}

bool CsvParser::refill()
{
    m_chunk = m_device->read(chunkBytes);
    m_pos = 0;
    return !m_chunk.isEmpty();
}

void CsvParser::endField()
{
    // A line break inside a quoted field from a Windows file is CRLF; the
    // cell means one line break.
    if (m_field.contains('\r'))
        m_field.replace("\r\n", "\n");
    m_record.fields.append(m_field);
    m_field.clear();
}

bool CsvParser::endRecord(Record *record)
{
    m_state = State::FieldStart;
    if (!m_started) {
        m_recordBytes = 0;
        return false; // an empty line, or the LF after a CR
    }
    endField();
    *record = std::move(m_record);
    m_record = {};
    m_started = false;
    m_recordBytes = 0;
    return true;
}

bool CsvParser::next(Record *record)
{
    if (m_failure != Failure::None)
        return false;
    for (;;) {
        if (m_pos == m_chunk.size() && !refill()) {
            if (m_state == State::Quoted) {
                m_failure = Failure::UnclosedQuote;
                return false;
            }
            return endRecord(record);
        }
        if (m_state == State::Quoted || m_state == State::Unquoted) {
            // The bytes up to the next one that means something are copied
            // in one go: most of a file is such runs.
            const char *data = m_chunk.constData();
            qsizetype end = m_pos;
            bool high = false;
            if (m_state == State::Quoted) {
                for (; end < m_chunk.size() && data[end] != '"'; ++end) {
                    high |= (data[end] & 0x80) != 0;
                    m_line += data[end] == '\n';
                }
            } else {
                for (; end < m_chunk.size() && data[end] != m_separator && data[end] != '\n' &&
                     data[end] != '\r';
                     ++end)
                    high |= (data[end] & 0x80) != 0;
            }
            if (end > m_pos) {
                m_field.append(data + m_pos, end - m_pos);
                m_record.nonAscii |= high;
                m_recordBytes += end - m_pos;
                m_pos = end;
                if (m_recordBytes > maxRecordBytes) {
                    m_failure = Failure::TooLong;
                    return false;
                }
                continue;
            }
        }
        const char c = m_chunk.at(m_pos++);
        if (!m_started) {
            m_started = c != '\n' && c != '\r';
            m_record.line = m_line;
        }
        if (static_cast<unsigned char>(c) >= 0x80)
            m_record.nonAscii = true;
        if (++m_recordBytes > maxRecordBytes) {
            m_failure = Failure::TooLong;
            return false;
        }
        switch (m_state) {
        case State::Quoted:
            if (c == '"') {
                m_state = State::QuoteInQuoted;
            } else {
                if (c == '\n')
                    ++m_line;
                m_field.append(c);
            }
            continue;
        case State::QuoteInQuoted:
            if (c == '"') { // a doubled quote is one quote in the text
                m_field.append(c);
                m_state = State::Quoted;
                continue;
            }
            break; // the quote closed the field; c is read as outside quotes
        case State::FieldStart:
            if (c == '"') {
                m_state = State::Quoted;
                continue;
            }
            break;
        case State::Unquoted:
            break;
        }
        // Outside quotes. A quote in the middle of an unquoted field (5" TV)
        // is kept as written, as spreadsheets do.
        if (c == m_separator) {
            endField();
            m_state = State::FieldStart;
        } else if (c == '\n') {
            const bool ended = endRecord(record);
            ++m_line;
            if (ended)
                return true;
        } else if (c == '\r') {
            if (endRecord(record))
                return true;
        } else {
            m_field.append(c);
            m_state = State::Unquoted;
        }
    }
}

} // namespace shopdesk
