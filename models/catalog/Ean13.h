#pragma once

#include <QString>
#include <QStringView>

namespace shopdesk::Ean13 {

// The check digit for the first 12 digits of an EAN-13, or -1 when `first12`
// is not exactly 12 digits.
int checkDigit(QStringView first12);
// True for 13 digits whose last one is the right check digit.
bool isValid(QStringView code);
// True for a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) or GTIN-14 with the
// right check digit: the barcodes a shop's scanner reads off packages.
bool isValidGtin(QStringView code);
// `first12` followed by its check digit (empty when `first12` is invalid).
QString complete(QStringView first12);

} // namespace shopdesk::Ean13
