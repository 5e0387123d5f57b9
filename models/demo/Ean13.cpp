#include "Ean13.h"

namespace shopdesk::Ean13 {

int checkDigit(QStringView first12)
{
    if (first12.size() != 12)
        return -1;
    int sum = 0;
    for (qsizetype i = 0; i < 12; ++i) {
        const QChar c = first12.at(i);
        if (c < u'0' || c > u'9')
            return -1;
        // Digits in even positions (1-based) weigh 3, odd ones 1.
        sum += (c.unicode() - u'0') * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10;
}

bool isValid(QStringView code)
{
    if (code.size() != 13)
        return false;
    const int expected = checkDigit(code.first(12));
    return expected >= 0 && code.at(12) == QChar(u'0' + expected);
}

QString complete(QStringView first12)
{
    const int digit = checkDigit(first12);
    if (digit < 0)
        return {};
    return first12.toString() + QChar(u'0' + digit);
}

} // namespace shopdesk::Ean13
