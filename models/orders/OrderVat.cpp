#include "OrderVat.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace shopdesk {

qint64 OrderVat::included(qint64 gross, std::optional<int> rateBp)
{
    if (!rateBp || *rateBp <= 0 || gross <= 0)
        return 0;
    const qint64 divisor = 10000 + *rateBp;
    return (gross * *rateBp + divisor / 2) / divisor;
}

QList<qint64> OrderVat::spreadDiscount(const QList<qint64> &amounts, qint64 discount)
{
    QList<qint64> shares(amounts.size(), 0);
    const qint64 sum = std::accumulate(amounts.cbegin(), amounts.cend(), qint64(0));
    if (sum <= 0 || discount <= 0)
        return shares;
    discount = qMin(discount, sum);
    QList<qint64> remainders(amounts.size(), 0);
    qint64 given = 0;
    for (qsizetype i = 0; i < amounts.size(); ++i) {
        shares[i] = amounts.at(i) * discount / sum;
        remainders[i] = amounts.at(i) * discount % sum;
        given += shares.at(i);
    }
    QList<qsizetype> order(amounts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return remainders.at(a) > remainders.at(b); });
    // Fewer kopecks are left than there are lines, and a line with a
    // remainder is short of its amount, so no share passes its amount.
    for (qsizetype k = 0; given < discount; ++k, ++given)
        ++shares[order.at(k)];
    return shares;
}

void OrderVat::apply(QList<OrderLine> &lines, qint64 discount, const QList<bool> &eligible)
{
    QList<qint64> amounts, eligibleAmounts;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        amounts << lines.at(i).amount();
        eligibleAmounts << (eligible.isEmpty() || eligible.value(i) ? amounts.at(i) : 0);
    }
    const QList<qint64> shares = spreadDiscount(eligibleAmounts, discount);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        lines[i].discount = shares.at(i);
        lines[i].netAmount = amounts.at(i) - shares.at(i);
        lines[i].vatAmount = included(lines.at(i).netAmount, lines.at(i).vatRate);
    }
}

QList<VatTotal> OrderVat::totals(const QList<OrderLine> &lines)
{
    QList<VatTotal> byRate;
    for (const OrderLine &line : lines) {
        auto it = std::find_if(byRate.begin(), byRate.end(), [&](const VatTotal &t) {
            return t.code == line.vatCode && t.rateBp == line.vatRate;
        });
        if (it == byRate.end())
            it = byRate.insert(byRate.end(), VatTotal {line.vatCode, line.vatRate, 0, 0});
        it->amount += line.netAmount;
        it->vat += line.vatAmount;
    }
    std::stable_sort(byRate.begin(), byRate.end(), [](const VatTotal &a, const VatTotal &b) {
        return a.rateBp.value_or(-1) > b.rateBp.value_or(-1);
    });
    return byRate;
}

qint64 OrderVat::returnedShare(qint64 lineValue, int qty, int alreadyBack, int units)
{
    if (qty <= 0)
        return 0;
    const auto share = [&](qint64 back) {
        return (lineValue * back + qty / 2) / qty;
    };
    return share(alreadyBack + units) - share(alreadyBack);
}

QString OrderVat::rateText(std::optional<int> rateBp)
{
    if (!rateBp)
        return tr("No VAT");
    // Whole percents print whole; 1250 basis points print as 12.5.
    const QLocale locale;
    QString percent = locale.toString(*rateBp / 100);
    if (const int hundredths = *rateBp % 100; hundredths != 0) {
        QString digits = u"%1"_s.arg(hundredths, 2, 10, QChar(u'0'));
        if (digits.endsWith(u'0'))
            digits.chop(1);
        percent += locale.decimalPoint() + digits;
    }
    return tr("%1 %").arg(percent);
}

std::optional<int> OrderVat::parseRate(const QString &text)
{
    static const QRegularExpression pattern(u"^\\s*(\\d{1,5})(?:[.,](\\d{1,2}))?\\s*%?\\s*$"_s);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QString hundredths = match.captured(2).leftJustified(2, u'0');
    return match.captured(1).toInt() * 100 + hundredths.toInt();
}

} // namespace shopdesk
