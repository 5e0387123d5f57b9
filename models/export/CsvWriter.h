#pragma once

#include <QByteArray>
#include <QStringList>

namespace shopdesk::CsvWriter {

// One CSV line (RFC 4180, comma-separated, CRLF), UTF-8. Text that a
// spreadsheet would run as a formula (=, +, -, @ at the start) gets a leading
// apostrophe; numbers are left alone.
QByteArray line(const QStringList &fields);
QString field(const QString &value);

} // namespace shopdesk::CsvWriter
