#include "OrderPricing.h"

#include "KeyedEnum.h"
#include "OrderVat.h"
#include "models/core/Money.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

constexpr KeyedEnum<PromoKind, 2> kPromoKinds {
    "PromoKind",
    {{
        {PromoKind::Percent, "percent", ""},
        {PromoKind::Amount, "amount", ""},
    }},
};

} // namespace

std::optional<PromoKind> promoKindFromKey(const QString &key)
{
    return kPromoKinds.fromKey(key);
}

Result<QList<CartLine>> OrderPricing::mergeLines(const QList<CartLine> &lines,
                                                 const QSet<QString> &weighed)
{
    QList<CartLine> merged;
    for (const CartLine &line : lines) {
        const QString plu = line.plu.trimmed();
        if (plu.isEmpty())
            return StoreError::invalid(u"plu"_s, tr("A line has no PLU."));
        if (line.qty < 1 || line.qty > kMaxLineQuantity)
            return StoreError::invalid(
                u"qty"_s,
                tr("The quantity of PLU %1 must be from 1 to %2.").arg(plu).arg(kMaxLineQuantity));
        auto same = weighed.contains(plu)
            ? merged.end()
            : std::find_if(merged.begin(), merged.end(),
                           [&](const CartLine &m) { return m.plu == plu; });
        if (same == merged.end())
            merged.append({plu, line.qty});
        else if (qint64(same->qty) + line.qty > kMaxLineQuantity)
            return StoreError::invalid(u"qty"_s, tr("Too many of PLU %1 in one order.").arg(plu));
        else
            same->qty += line.qty;
    }
    if (merged.isEmpty())
        return StoreError::invalid(u"lines"_s, tr("The order has no lines."));
    return merged;
}

Result<QHash<QString, PriceChange>>
OrderPricing::checkPriceChanges(const QList<CartLine> &merged, const QList<PriceChange> &changes)
{
    QHash<QString, PriceChange> byPlu;
    for (const PriceChange &change : changes) {
        if (change.unitPrice < 0 || change.unitPrice > kMaxUnitPrice)
            return StoreError::invalid(
                u"price"_s,
                tr("The price of PLU %1 must be between 0 and 100,000,000.").arg(change.plu));
        const QString plu = change.plu.trimmed();
        if (std::none_of(merged.cbegin(), merged.cend(),
                         [&](const CartLine &line) { return line.plu == plu; }))
            return StoreError::invalid(
                u"price"_s,
                tr("A price was changed for PLU %1, which the order does not have.")
                    .arg(change.plu));
        byPlu.insert(plu, change);
    }
    return byPlu;
}

Result<QList<OrderLine>> OrderPricing::priceLines(const QList<CartLine> &merged,
                                                  const QHash<QString, OrderLine> &catalog,
                                                  const QHash<QString, PriceChange> &changes)
{
    QList<OrderLine> lines;
    for (const CartLine &c : merged) {
        const auto known = catalog.constFind(c.plu);
        if (known == catalog.constEnd())
            return StoreError::notFound(tr("There is no product with PLU %1.").arg(c.plu));
        OrderLine line = known.value();
        line.lineNo = int(lines.size()) + 1;
        line.qty = c.qty;
        if (const auto change = changes.constFind(c.plu); change != changes.constEnd()) {
            line.catalogPrice = line.unitPrice;
            line.unitPrice = change->unitPrice;
            line.priceApprovedBy = change->approvedBy;
        }
        lines.append(line);
    }
    return lines;
}

PricedOrder OrderPricing::withPromo(QList<OrderLine> lines, const std::optional<Promo> &promo)
{
    PricedOrder priced;
    for (const OrderLine &line : lines)
        priced.subtotal += line.amount();
    QList<bool> eligible;
    for (const OrderLine &line : std::as_const(lines))
        eligible << (!promo || promo->appliesTo(line.productId));
    priced.discount = promo ? discount(*promo, eligibleSubtotal(lines, *promo)) : 0;
    OrderVat::apply(lines, priced.discount, eligible);
    priced.lines = std::move(lines);
    return priced;
}

qint64 OrderPricing::eligibleSubtotal(const QList<OrderLine> &lines, const Promo &promo)
{
    qint64 sum = 0;
    for (const OrderLine &line : lines)
        if (promo.appliesTo(line.productId))
            sum += line.amount();
    return sum;
}

qint64 OrderPricing::discount(const Promo &promo, qint64 subtotal)
{
    if (promo.value <= 0 || subtotal <= 0)
        return 0;
    const qint64 off =
        promo.kind == PromoKind::Percent ? (subtotal * promo.value + 50) / 100 : promo.value;
    return qMin(off, subtotal);
}

qint64 OrderPricing::lineAmount(qint64 unitPrice, qint64 units, bool weighed)
{
    return weighed ? weighedAmount(units, unitPrice) : unitPrice * units;
}

qint64 OrderPricing::weighedAmount(qint64 grams, qint64 pricePerKg)
{
    return (grams * pricePerKg + 500) / 1000;
}

Result<Settlement> OrderPricing::settle(qint64 total, const Payment &payment)
{
    Settlement s;
    s.method = payment.method;
    switch (payment.method) {
    case PaymentMethod::Cash:
        if (payment.cashTendered < total)
            return StoreError::invalid(
                u"cash_tendered"_s,
                tr("%1 tendered is less than the total %2.")
                    .arg(Money::format(payment.cashTendered), Money::format(total)));
        s.cash = total;
        s.change = payment.cashTendered - total;
        break;
    case PaymentMethod::Card:
        s.card = total;
        break;
    case PaymentMethod::Split:
        if (payment.card <= 0 || payment.card >= total)
            return StoreError::invalid(
                u"card"_s,
                tr("The card part must be more than zero and less than the total %1.")
                    .arg(Money::format(total)));
        s.card = payment.card;
        s.cash = total - payment.card;
        if (payment.cashTendered < s.cash)
            return StoreError::invalid(
                u"cash_tendered"_s,
                tr("%1 tendered is less than the cash part %2.")
                    .arg(Money::format(payment.cashTendered), Money::format(s.cash)));
        s.change = payment.cashTendered - s.cash;
        break;
    }
    return s;
}

qint64 OrderPricing::refundShare(qint64 gross, qint64 total, qint64 subtotal)
{
    return subtotal > 0 ? (gross * total + subtotal / 2) / subtotal : 0;
}

QList<qint64> OrderPricing::quickCash(qint64 due)
{
    QList<qint64> amounts {due};
    if (due <= 0)
        return amounts;
    for (const qint64 note : {10000, 50000, 100000, 500000}) {
        const qint64 rounded = (due + note - 1) / note * note;
        if (!amounts.contains(rounded))
            amounts.append(rounded);
    }
    std::sort(amounts.begin(), amounts.end());
    return amounts;
}

} // namespace shopdesk
