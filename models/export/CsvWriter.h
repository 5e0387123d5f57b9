#pragma once

#include <QByteArray>
#include <QChar>
#include <QStringList>

namespace shopdesk::CsvWriter {

// One CSV line (RFC 4180, CRLF; comma-separated unless told otherwise),
// UTF-8. Text that a spreadsheet would run as a formula (=, +, -, @ at the
// start) gets a leading apostrophe; numbers (with either decimal mark) are
// left alone.
QByteArray line(const QStringList &fields, QChar separator = u',');
QString field(const QString &value, QChar separator = u',');

} // namespace shopdesk::CsvWriter
