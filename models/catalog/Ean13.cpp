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

bool isValidGtin(QStringView code)
{
    const qsizetype n = code.size();
    if (n != 8 && n != 12 && n != 13 && n != 14)
        return false;
    int sum = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = code.at(i);
        if (c < u'0' || c > u'9')
            return false;
        if (i == n - 1)
            break;
        // From the right, not counting the check digit: weights 3, 1, 3, ...
        const qsizetype fromRight = n - 1 - i;
        sum += (c.unicode() - u'0') * (fromRight % 2 == 1 ? 3 : 1);
    }
    return code.at(n - 1).unicode() - u'0' == (10 - sum % 10) % 10;
}

QString complete(QStringView first12)
{
    const int digit = checkDigit(first12);
    if (digit < 0)
        return {};
    return first12.toString() + QChar(u'0' + digit);
}

} // namespace shopdesk::Ean13
