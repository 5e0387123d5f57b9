#pragma once

#include <QString>
#include <QStringView>

namespace shopdesk::XlsxCell {

// The largest sheet Excel makes: columns A..XFD, rows 1..1,048,576. A
// reference beyond them is a damaged file, not a reason to allocate.
constexpr int maxColumns = 16384;
constexpr int maxRows = 1048576;

// The 0-based column and 1-based row of a reference such as "C7"; false
// when it is not one (or out of the sheet's bounds).
bool parseReference(QStringView reference, int *column, int *row);
// "A", "Z", "AA" for 0, 25, 26.
QString columnLetters(int column);
// A number cell's text for the user. As written in the file ("12.5",
// "199") when it has at most 15 significant digits and no exponent; else
// rounded to 15 significant digits (what a spreadsheet shows) and written
// without an exponent: "100.00000000000001" → "100", "1.2E-3" → "0.0012".
// Text that is not a number is returned as it is.
QString numberText(QStringView written);

} // namespace shopdesk::XlsxCell
