#include "OrderPlacement.h"

#include "OrderQueries.h"
#include "OrderStockMoves.h"
#include "PromoCodeStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/TillName.h"
#include "models/core/Transaction.h"
#include "models/shifts/ShiftStore.h"
#include "models/stock/StockStore.h"

#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace shopdesk {

static_assert(OrderPricing::kMaxLineQuantity == StockStore::kMaxAmount);
static_assert(OrderPricing::kMaxUnitPrice == ProductStore::kMaxPrice);

Result<Order> OrderPlacement::create(const Actor &actor, const NewOrder &order)
{
    auto request = validate(actor, order);
    if (!request)
        return request.error();

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // No sale outside a shift: refused before it takes an order number.
    if (auto shift = ShiftStore(m_db).lockOpen(order.shopId, order.till); !shift)
        return shift.error();
    Header header;
    auto priced = price(order, request.value(), &header.promoId);
    if (!priced)
        return priced.error();
    auto number = nextNumber(order.shopId, order.till);
    if (!number)
        return number.error();
    header.number = number.value();
    auto orderId = insert(actor, order, header, priced.value());
    if (!orderId)
        return orderId.error();

    LockedOrder made;
    made.id = orderId.value();
    made.status = header.status;
    made.shopId = order.shopId;
    made.number = header.number;
    auto reserved = OrderStockMoves(m_db).reserve(actor, made, priced->lines);
    if (!reserved) {
        const StoreError why = reserved.error();
        tx.rollback();
        if (why.code != StoreError::Code::Conflict && why.code != StoreError::Code::NotFound)
            return why;
        return recordFailed(actor, order, priced.value(), why.message);
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return OrderQueries(m_db).existing(made.id);
}

Result<OrderPlacement::Request> OrderPlacement::validate(const Actor &actor,
                                                         const NewOrder &order) const
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (order.shopId <= 0)
        return StoreError::invalid(u"shop_id"_s, tr("Give the shop."));
    if (!TillName::isValid(order.till))
        return StoreError::invalid(u"till"_s,
                                   tr("A till name is 1 to 16 letters, digits, - or _."));
    if (order.paymentTimeoutMinutes < 1 || order.paymentTimeoutMinutes > 24 * 60)
        return StoreError::invalid(u"payment_timeout"_s,
                                   tr("The payment time must be from 1 minute to 24 hours."));
    auto merged = OrderPricing::mergeLines(order.lines);
    if (!merged)
        return merged.error();
    QList<PriceChange> changes;
    for (const PriceOverride &o : order.priceOverrides)
        changes.append({o.plu, o.unitPrice, o.approval.staffId()});
    auto priceChanges = OrderPricing::checkPriceChanges(merged.value(), changes);
    if (!priceChanges)
        return priceChanges.error();
    return Request {merged.value(), priceChanges.value()};
}

Result<PricedOrder> OrderPlacement::price(const NewOrder &order, const Request &request,
                                          qint64 *promoId) const
{
    auto catalog = catalogFor(request.lines);
    if (!catalog)
        return catalog.error();
    // Each scale label of a weighed product stays a line of its own.
    QSet<QString> weighed;
    for (const OrderLine &known : catalog.value())
        if (known.weighed)
            weighed.insert(known.plu);
    auto merged = weighed.isEmpty() ? Result<QList<CartLine>>(request.lines)
                                    : OrderPricing::mergeLines(order.lines, weighed);
    if (!merged)
        return merged.error();
    auto lines = OrderPricing::priceLines(merged.value(), catalog.value(), request.priceChanges);
    if (!lines)
        return lines.error();
    // Checked in the order's transaction with the code's row locked: its
    // uses are counted and this one taken before another till can.
    PromoCodeStore::Purchase purchase;
    purchase.subtotal = OrderPricing::withPromo(lines.value(), std::nullopt).subtotal;
    for (const OrderLine &line : lines.value())
        purchase.productIds << line.productId;
    purchase.customerKnown = true;
    purchase.customerId = order.customerId;
    purchase.lock = true;
    const PromoCodeStore codes(m_db);
    if (!order.promoCode.trimmed().isEmpty()) {
        auto found = codes.check(order.promoCode, purchase);
        if (!found)
            return found.error();
        *promoId = found->id;
        return OrderPricing::withPromo(lines.value(), found->promo);
    }
    // No code typed: the automatic promotion that takes most off, if one
    // suits the sale (one that refuses it is simply not applied).
    auto candidates = codes.automaticCandidates(*purchase.subtotal);
    if (!candidates)
        return candidates.error();
    PricedOrder best = OrderPricing::withPromo(lines.value(), std::nullopt);
    for (const QString &code : candidates.value()) {
        auto found = codes.check(code, purchase);
        if (!found) {
            if (found.error().code == StoreError::Code::Database)
                return found.error();
            continue;
        }
        PricedOrder priced = OrderPricing::withPromo(lines.value(), found->promo);
        if (priced.discount > best.discount) {
            best = std::move(priced);
            *promoId = found->id;
        }
    }
    return best;
}

Result<QHash<QString, OrderLine>> OrderPlacement::catalogFor(const QList<CartLine> &lines) const
{
    QStringList plus;
    for (const CartLine &line : lines)
        plus << line.plu;
    // The price charged is the one that holds at this moment of the sale's
    // transaction (price_at, 0018): never one that has ended or not begun.
    auto q = Sql::run(m_db,
                      u"SELECT p.id, p.plu, p.name, price_at(p, now()) AS price, "
                      "p.sold_by_weight, p.active, p.vat_code, r.rate_bp FROM products p "
                      "JOIN vat_rates r ON r.code = p.vat_code WHERE p.plu = ANY (?::text[])"_s,
                      {PgArray::text(plus)});
    if (!q)
        return q.error();
    QHash<QString, OrderLine> known;
    while (q.value().next()) {
        const QSqlRecord row = q.value().record();
        if (!row.value(u"active"_s).toBool())
            return StoreError::conflict(
                tr("%1 (PLU %2) is archived and cannot be sold.")
                    .arg(row.value(u"name"_s).toString(), row.value(u"plu"_s).toString()),
                u"plu"_s);
        OrderLine line;
        line.productId = row.value(u"id"_s).toLongLong();
        line.plu = row.value(u"plu"_s).toString();
        line.name = row.value(u"name"_s).toString();
        line.unitPrice = row.value(u"price"_s).toLongLong();
        line.weighed = row.value(u"sold_by_weight"_s).toBool();
        // The rate the product has now is the one the line is sold at.
        line.vatCode = row.value(u"vat_code"_s).toString();
        if (!row.value(u"rate_bp"_s).isNull())
            line.vatRate = row.value(u"rate_bp"_s).toInt();
        known.insert(line.plu, line);
    }
    return known;
}

Result<QString> OrderPlacement::nextNumber(qint64 shopId, const QString &till)
{
    // The counter row stays locked until the order's transaction ends, so two
    // orders of one till never get one number; other tills are not held up.
    auto q = Sql::run(m_db,
                      u"WITH next AS (INSERT INTO till_counters (shop_id, till, last_number) "
                      "  VALUES (:shop_id, :till, 1) ON CONFLICT (shop_id, till) DO UPDATE "
                      "  SET last_number = till_counters.last_number + 1 RETURNING last_number) "
                      "SELECT s.code || '-' || :till || '-' || CASE WHEN n.last_number < 1000000 "
                      "  THEN lpad(n.last_number::text, 6, '0') ELSE n.last_number::text END "
                      "FROM next n, shops s WHERE s.id = :shop_id"_s,
                      {{u":shop_id"_s, shopId}, {u":till"_s, till}});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no shop with id %1.").arg(shopId));
    return q.value().value(0).toString();
}

Result<qint64> OrderPlacement::insert(const Actor &actor, const NewOrder &order,
                                      const Header &header, const PricedOrder &priced)
{
    const bool awaiting = header.status == OrderStatus::AwaitingPayment;
    // An order awaiting payment holds its stock until expires_at; a failed
    // one is closed as it is made.
    auto made = Sql::run(
        m_db,
        u"INSERT INTO orders (shop_id, till, number, staff_id, customer_id, status, promo_code_id, "
        "subtotal, discount, total, expires_at, failure, closed_at) "
        "VALUES (:shop_id, :till, :number, :staff_id, nullif(:customer_id::bigint, 0), :status, "
        "nullif(:promo_code_id::bigint, 0), :subtotal, :discount, :total, "
        "now() + :payment_minutes::int * interval '1 minute', coalesce(:failure, ''), "
        "CASE WHEN :closed::boolean THEN now() END) RETURNING id"_s,
        {{u":shop_id"_s, order.shopId},
         {u":till"_s, order.till},
         {u":number"_s, header.number},
         {u":staff_id"_s, actor.staffId},
         {u":customer_id"_s, order.customerId.value_or(0)},
         {u":status"_s, orderStatusKey(header.status)},
         {u":promo_code_id"_s, header.promoId},
         {u":subtotal"_s, priced.subtotal},
         {u":discount"_s, priced.discount},
         {u":total"_s, priced.total()},
         {u":payment_minutes"_s,
          awaiting ? QVariant(order.paymentTimeoutMinutes) : QVariant(QMetaType::fromType<int>())},
         {u":failure"_s, header.failure},
         {u":closed"_s, !awaiting}});
    if (!made) {
        if (made.error().isForeignKeyViolation() && order.customerId)
            return StoreError::notFound(
                tr("There is no customer with id %1.").arg(*order.customerId));
        return made.error();
    }
    made.value().next();
    const qint64 orderId = made.value().value(0).toLongLong();
    if (auto saved = insertLines(orderId, priced.lines); !saved)
        return saved.error();
    return orderId;
}

Result<void> OrderPlacement::insertLines(qint64 orderId, const QList<OrderLine> &lines)
{
    QList<qint64> lineNos, productIds, qtys, prices, catalogPrices, approvers, discounts, nets,
        vats;
    QStringList weighed; // PostgreSQL booleans, as text
    QStringList plus, names, vatCodes;
    QStringList vatRates; // integers as text, NULL for no VAT
    for (const OrderLine &l : lines) {
        lineNos << l.lineNo;
        productIds << l.productId;
        plus << l.plu;
        names << l.name;
        qtys << l.qty;
        prices << l.unitPrice;
        catalogPrices << l.catalogPrice;
        approvers << l.priceApprovedBy;
        weighed << (l.weighed ? u"true"_s : u"false"_s);
        vatCodes << l.vatCode;
        vatRates << (l.vatRate ? QString::number(*l.vatRate) : u"NULL"_s);
        discounts << l.discount;
        nets << l.netAmount;
        vats << l.vatAmount;
    }
    // The catalog's price is kept only beside a price a manager changed.
    auto saved = Sql::run(
        m_db,
        u"INSERT INTO order_lines (order_id, line_no, product_id, plu, name, qty, "
        "unit_price, weighed, catalog_price, price_approved_by, vat_code, vat_rate, discount, "
        "net_amount, vat_amount) "
        "SELECT :order_id, n, p, u, nm, q, pr, w, CASE WHEN ap > 0 THEN cp END, nullif(ap, 0), "
        "vc, vr, d, na, va "
        "FROM unnest(:line_nos::int[], :product_ids::bigint[], :plus::text[], :names::text[], "
        ":qtys::int[], :prices::bigint[], :weighed::boolean[], :catalog_prices::bigint[], "
        ":approvers::bigint[], :vat_codes::text[], :vat_rates::int[], :discounts::bigint[], "
        ":nets::bigint[], :vats::bigint[]) AS x(n, p, u, nm, q, pr, w, cp, ap, vc, vr, d, na, va)"_s,
        {{u":order_id"_s, orderId},
         {u":line_nos"_s, PgArray::integers(lineNos)},
         {u":product_ids"_s, PgArray::integers(productIds)},
         {u":plus"_s, PgArray::text(plus)},
         {u":names"_s, PgArray::text(names)},
         {u":qtys"_s, PgArray::integers(qtys)},
         {u":prices"_s, PgArray::integers(prices)},
         {u":weighed"_s, PgArray::text(weighed)},
         {u":catalog_prices"_s, PgArray::integers(catalogPrices)},
         {u":approvers"_s, PgArray::integers(approvers)},
         {u":vat_codes"_s, PgArray::text(vatCodes)},
         {u":vat_rates"_s, QString(u"{"_s + vatRates.join(u',') + u"}"_s)},
         {u":discounts"_s, PgArray::integers(discounts)},
         {u":nets"_s, PgArray::integers(nets)},
         {u":vats"_s, PgArray::integers(vats)}});
    if (!saved)
        return saved.error();
    return {};
}

Result<Order> OrderPlacement::recordFailed(const Actor &actor, const NewOrder &order,
                                           const PricedOrder &priced, const QString &failure)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    Header header;
    header.status = OrderStatus::Failed;
    header.failure = failure;
    auto number = nextNumber(order.shopId, order.till);
    if (!number)
        return number.error();
    header.number = number.value();
    auto orderId = insert(actor, order, header, priced);
    if (!orderId)
        return orderId.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return OrderQueries(m_db).existing(orderId.value());
}

} // namespace shopdesk
