#pragma once

#include "CartLine.h"
#include "Order.h"
#include "Payment.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace shopdesk {

// What a promo code takes off: a percentage of the subtotal, or an amount.
enum class PromoKind { Percent, Amount };
// The text promo_codes.kind stores ("percent", "amount") to the kind.
std::optional<PromoKind> promoKindFromKey(const QString &key);

struct Promo
{
    Promo() = default;
    Promo(PromoKind k, qint64 v, QSet<qint64> products = {})
        : kind(k), value(v), productIds(std::move(products)), limited(!productIds.isEmpty())
    {
    }

    PromoKind kind = PromoKind::Percent;
    qint64 value = 0; // percent, or minor units
    // The products whose lines it discounts (products.id), when limited.
    QSet<qint64> productIds;
    // Limited to some products or categories. A code limited to categories
    // that hold no product yet discounts nothing, rather than everything.
    bool limited = false;

    bool appliesTo(qint64 productId) const { return !limited || productIds.contains(productId); }
};

// A price changed at the till, as pricing sees it: who approved it is
// carried onto the line, the approval itself was checked by StaffStore.
struct PriceChange
{
    QString plu;
    qint64 unitPrice = 0;
    qint64 approvedBy = 0; // the manager's staff id
};

struct PricedOrder
{
    QList<OrderLine> lines;
    qint64 subtotal = 0;
    qint64 discount = 0;
    qint64 total() const { return subtotal - discount; }
};

// How a payment splits an order's total, and the change.
struct Settlement
{
    PaymentMethod method = PaymentMethod::Cash;
    qint64 cash = 0; // kept in the drawer (change already given back)
    qint64 card = 0;
    qint64 change = 0;
};

// The arithmetic of an order, with no database: lines merged and checked,
// priced at the catalog's prices or a manager's, a promo code's discount,
// weighed lines rounded to the kopeck, a payment's split and change, and
// the share of the order's total a return pays back. Bad input is an
// Invalid error naming the field, as the stores report it.
class OrderPricing
{
    Q_DECLARE_TR_FUNCTIONS(OrderPricing)
public:
    // StockStore::kMaxAmount and ProductStore::kMaxPrice (checked where the
    // stores are at hand): what one line may count, what a unit may cost.
    static constexpr int kMaxLineQuantity = 1'000'000;
    static constexpr qint64 kMaxUnitPrice = 100'000'000'00;

    // The same PLU scanned twice is one line with both counts, in the order
    // first scanned; PLUs are trimmed. A PLU in `weighed` is never merged:
    // each scale label is a line of its own, with its own weight and amount.
    // No lines, an empty PLU or a count out of 1…kMaxLineQuantity (one
    // line's or the merged one's) is refused.
    static Result<QList<CartLine>> mergeLines(const QList<CartLine> &lines,
                                              const QSet<QString> &weighed = {});
    // The prices changed at the till, by PLU (the last one for a PLU wins):
    // each within 0…kMaxUnitPrice and for a PLU the merged lines have.
    static Result<QHash<QString, PriceChange>> checkPriceChanges(const QList<CartLine> &merged,
                                                                 const QList<PriceChange> &changes);
    // The merged lines numbered from 1 at the catalog's prices and names
    // (`catalog`: by PLU), a changed price replacing the catalog's, which
    // the line keeps beside it. A PLU missing from the catalog is NotFound.
    static Result<QList<OrderLine>> priceLines(const QList<CartLine> &merged,
                                               const QHash<QString, OrderLine> &catalog,
                                               const QHash<QString, PriceChange> &changes);
    // The lines' subtotal and the promo's discount on the lines it applies
    // to (all of them unless it names products); each line's discount, net
    // amount and VAT with the discount spread over those lines (OrderVat).
    static PricedOrder withPromo(QList<OrderLine> lines, const std::optional<Promo> &promo);
    // What the lines the promo applies to cost before the discount.
    static qint64 eligibleSubtotal(const QList<OrderLine> &lines, const Promo &promo);
    // A percentage is rounded to the nearest kopeck (half up); an amount is
    // taken whole. Never more than the subtotal, never below zero.
    static qint64 discount(const Promo &promo, qint64 subtotal);

    // What `units` cost at `unitPrice`: grams at a price per kilogram for a
    // weighed line, rounded to the kopeck (half up).
    static qint64 lineAmount(qint64 unitPrice, qint64 units, bool weighed);
    static qint64 weighedAmount(qint64 grams, qint64 pricePerKg);
    // The amounts a customer is likely to hand over for `due`: the exact
    // amount, then `due` rounded up to the next 100, 500, 1 000 and 5 000
    // (roubles), each once, smallest first.
    static QList<qint64> quickCash(qint64 due);

    // Cash: what was handed over covers the total. Card: all of it. Split:
    // a card part between zero and the total (both excluded), the rest in
    // cash, which what was handed over covers.
    static Result<Settlement> settle(qint64 total, const Payment &payment);

    // What returned goods worth `gross` at the receipt's prices pay back
    // when the order's `subtotal` was discounted to `total`: the discount
    // shared out in proportion, rounded to the nearest kopeck (half up).
    static qint64 refundShare(qint64 gross, qint64 total, qint64 subtotal);
};

} // namespace shopdesk
