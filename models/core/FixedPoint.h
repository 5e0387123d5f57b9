#pragma once

#include <QLocale>
#include <QString>

namespace shopdesk::FixedPoint {

// `value` in units of 10^-decimals ("123450", 2 → "1,234.50" in English),
// worked out in whole numbers: money and weights never pass through a
// double, so no amount is ever off by a rounding of the last digit.
QString format(qint64 value, int decimals, const QLocale &locale);

} // namespace shopdesk::FixedPoint
