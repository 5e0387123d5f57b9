#include "XlsxCell.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace shopdesk::XlsxCell {

bool parseReference(QStringView reference, int *column, int *row)
{
    qsizetype i = 0;
    int letters = 0;
    for (; i < reference.size() && reference[i].isLetter(); ++i) {
        const char16_t c = reference[i].toUpper().unicode();
        if (c < u'A' || c > u'Z' || i >= 3)
            return false;
        letters = letters * 26 + (c - u'A' + 1);
    }
    if (i == 0 || letters > maxColumns)
        return false;
    bool ok = false;
    const int number = reference.mid(i).toInt(&ok);
    if (!ok || number < 1 || number > maxRows)
        return false;
    *column = letters - 1;
    *row = number;
    return true;
}

QString columnLetters(int column)
{
    QString letters;
    for (int n = column + 1; n > 0; n = (n - 1) / 26)
        letters.prepend(QChar(u'A' + (n - 1) % 26));
    return letters;
}

QString numberText(QStringView written)
{
    int digits = 0;
    bool exponent = false;
    for (const QChar c : written) {
        if (c.isDigit())
            ++digits;
        else if (c == u'e' || c == u'E')
            exponent = true;
    }
    if (!exponent && digits <= 15)
        return written.toString();
    bool ok = false;
    const double value = QLocale::c().toDouble(written, &ok);
    if (!ok || !std::isfinite(value))
        return written.toString();
    if (value == 0)
        return QStringLiteral("0");
    // 15 significant digits (a double holds 15 exactly), in fixed notation.
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    QString text = QString::number(value, 'f', std::clamp(14 - magnitude, 0, 40));
    if (text.contains(u'.')) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(u'.'))
            text.chop(1);
    }
    return text;
}

} // namespace shopdesk::XlsxCell
