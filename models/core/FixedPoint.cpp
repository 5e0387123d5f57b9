#include "FixedPoint.h"

namespace shopdesk::FixedPoint {

QString format(qint64 value, int decimals, const QLocale &locale)
{
    quint64 scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    // Unsigned, so that the most negative qint64 has a magnitude too.
    const bool negative = value < 0;
    const quint64 magnitude = negative ? 0 - quint64(value) : quint64(value);
    QString text = negative ? locale.negativeSign() : QString();
    text += locale.toString(qulonglong(magnitude / scale));
    if (decimals > 0)
        text += locale.decimalPoint() +
            QString::number(magnitude % scale).rightJustified(decimals, QLatin1Char('0'));
    return text;
}

} // namespace shopdesk::FixedPoint
