#include "OrderStore.h"

#include "models/catalog/ProductStore.h"
#include "models/core/Money.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/TillName.h"
#include "models/core/Transaction.h"
#include "models/stock/StockStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The timeout sweep acts for nobody in particular; history records no person.
Actor systemActor()
{
    Actor a;
    a.role = Role::Manager;
    return a;
}

const QString kOrderColumns =
    u"o.id, o.shop_id, o.till, o.number, o.staff_id, coalesce(o.customer_id, 0), o.status, "
    "o.subtotal, o.discount, o.total, coalesce(o.payment_method, ''), o.paid_cash, o.paid_card, "
    "o.created_at, o.expires_at, o.paid_at, o.failure"_s;

} // namespace

QString OrderStore::statusText(const QString &status)
{
    static const QHash<QString, const char *> texts {
        {u"new"_s, QT_TRANSLATE_NOOP("OrderStore", "new")},
        {u"awaiting_payment"_s, QT_TRANSLATE_NOOP("OrderStore", "awaiting payment")},
        {u"failed"_s, QT_TRANSLATE_NOOP("OrderStore", "failed")},
        {u"paid"_s, QT_TRANSLATE_NOOP("OrderStore", "paid")},
        {u"cancelled"_s, QT_TRANSLATE_NOOP("OrderStore", "cancelled")},
        {u"returned"_s, QT_TRANSLATE_NOOP("OrderStore", "returned")},
    };
    const auto it = texts.constFind(status);
    return it == texts.constEnd() ? status : tr(it.value());
}

Result<QString> OrderStore::nextNumber(qint64 shopId, const QString &till)
{
    // The counter row stays locked until the order's transaction ends, so two
    // orders of one till never get one number; other tills are not held up.
    auto q = Sql::run(m_db,
                      u"WITH next AS (INSERT INTO till_counters (shop_id, till, last_number) "
                      "  VALUES (?, ?, 1) ON CONFLICT (shop_id, till) DO UPDATE "
                      "  SET last_number = till_counters.last_number + 1 RETURNING last_number) "
                      "SELECT s.code || '-' || ? || '-' || CASE WHEN n.last_number < 1000000 "
                      "  THEN lpad(n.last_number::text, 6, '0') ELSE n.last_number::text END "
                      "FROM next n, shops s WHERE s.id = ?"_s,
                      {shopId, till, till, shopId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no shop with id %1.").arg(shopId));
    return q.value().value(0).toString();
}

Result<Order> OrderStore::create(const Actor &actor, const NewOrder &order)
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
    // The same product scanned twice is one line with both counts.
    QList<CartLine> merged;
    for (const CartLine &line : order.lines) {
        const QString plu = line.plu.trimmed();
        if (plu.isEmpty())
            return StoreError::invalid(u"plu"_s, tr("A line has no PLU."));
        if (line.qty < 1 || line.qty > StockStore::kMaxAmount)
            return StoreError::invalid(u"qty"_s,
                                       tr("The quantity of PLU %1 must be from 1 to %2.")
                                           .arg(plu)
                                           .arg(StockStore::kMaxAmount));
        auto same = std::find_if(merged.begin(), merged.end(),
                                 [&](const CartLine &m) { return m.plu == plu; });
        if (same == merged.end())
            merged.append({plu, line.qty});
        else if (qint64(same->qty) + line.qty > StockStore::kMaxAmount)
            return StoreError::invalid(u"qty"_s, tr("Too many of PLU %1 in one order.").arg(plu));
        else
            same->qty += line.qty;
    }
    if (merged.isEmpty())
        return StoreError::invalid(u"lines"_s, tr("The order has no lines."));

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();

    // Today's prices and names, copied into the lines.
    QStringList plus;
    for (const CartLine &line : merged)
        plus << line.plu;
    auto products = Sql::run(m_db,
                             u"SELECT id, plu, name, price, sold_by_weight FROM products "
                             "WHERE plu = ANY (?::text[])"_s,
                             {PgArray::text(plus)});
    if (!products)
        return products.error();
    QHash<QString, OrderLine> known;
    while (products.value().next()) {
        OrderLine l;
        l.productId = products.value().value(0).toLongLong();
        l.plu = products.value().value(1).toString();
        l.name = products.value().value(2).toString();
        l.unitPrice = products.value().value(3).toLongLong();
        l.weighed = products.value().value(4).toBool();
        known.insert(l.plu, l);
    }
    QHash<QString, const PriceOverride *> overrides;
    for (const PriceOverride &o : order.priceOverrides) {
        if (o.unitPrice < 0 || o.unitPrice > ProductStore::kMaxPrice)
            return StoreError::invalid(u"price"_s,
                                       tr("The price of PLU %1 must be between 0 and "
                                          "100,000,000.")
                                           .arg(o.plu));
        if (!std::any_of(merged.cbegin(), merged.cend(),
                         [&](const CartLine &c) { return c.plu == o.plu.trimmed(); }))
            return StoreError::invalid(
                u"price"_s,
                tr("A price was changed for PLU %1, which the order does not have.").arg(o.plu));
        overrides.insert(o.plu.trimmed(), &o);
    }
    QList<OrderLine> lines;
    qint64 subtotal = 0;
    for (const CartLine &c : merged) {
        if (!known.contains(c.plu))
            return StoreError::notFound(tr("There is no product with PLU %1.").arg(c.plu));
        OrderLine l = known.value(c.plu);
        l.lineNo = int(lines.size()) + 1;
        l.qty = c.qty;
        if (const PriceOverride *o = overrides.value(c.plu)) {
            l.catalogPrice = l.unitPrice;
            l.unitPrice = o->unitPrice;
            l.priceApprovedBy = o->approval.staffId();
        }
        subtotal += l.amount();
        lines.append(l);
    }

    qint64 discount = 0;
    qint64 promoId = 0;
    if (!order.promoCode.trimmed().isEmpty()) {
        auto promo = Sql::run(m_db,
                              u"SELECT id, kind, value FROM promo_codes WHERE code = upper(?) "
                              "AND active AND (valid_from IS NULL OR valid_from <= now()) "
                              "AND (valid_until IS NULL OR valid_until > now())"_s,
                              {order.promoCode.trimmed()});
        if (!promo)
            return promo.error();
        if (!promo.value().next())
            return StoreError::invalid(
                u"promo_code"_s,
                tr("Promo code %1 is not valid today.").arg(order.promoCode.trimmed()));
        promoId = promo.value().value(0).toLongLong();
        const qint64 value = promo.value().value(2).toLongLong();
        // A percentage is rounded to the nearest kopeck; an amount never
        // takes the total below zero.
        discount = promo.value().value(1).toString() == u"percent"_s ? (subtotal * value + 50) / 100
                                                                     : qMin(value, subtotal);
    }

    auto number = nextNumber(order.shopId, order.till);
    if (!number)
        return number.error();
    auto made = Sql::run(
        m_db,
        u"INSERT INTO orders (shop_id, till, number, staff_id, customer_id, status, promo_code_id, "
        "subtotal, discount, total, expires_at) VALUES (?, ?, ?, ?, nullif(?::bigint, 0), "
        "'awaiting_payment', nullif(?::bigint, 0), ?, ?, ?, now() + ? * interval '1 minute') "
        "RETURNING id"_s,
        {order.shopId, order.till, number.value(), actor.staffId, order.customerId.value_or(0),
         promoId, subtotal, discount, subtotal - discount, order.paymentTimeoutMinutes});
    if (!made) {
        if (made.error().isForeignKeyViolation() && order.customerId)
            return StoreError::notFound(
                tr("There is no customer with id %1.").arg(*order.customerId));
        return made.error();
    }
    made.value().next();
    const qint64 orderId = made.value().value(0).toLongLong();

    QList<qint64> lineNos, productIds, qtys, prices, catalogPrices, approvers;
    QStringList weighed; // PostgreSQL booleans, as text
    QStringList linePlus, names;
    QList<StockStore::Change> reservations;
    for (const OrderLine &l : std::as_const(lines)) {
        lineNos << l.lineNo;
        productIds << l.productId;
        linePlus << l.plu;
        names << l.name;
        qtys << l.qty;
        prices << l.unitPrice;
        catalogPrices << l.catalogPrice;
        approvers << l.priceApprovedBy;
        weighed << (l.weighed ? u"true"_s : u"false"_s);
        StockStore::Change c;
        c.shopId = order.shopId;
        c.plu = l.plu;
        c.shelfDelta = -l.qty;
        c.orderDelta = l.qty;
        c.action = u"reserved"_s;
        c.reason = tr("Order %1").arg(number.value());
        c.orderId = orderId;
        c.approvedBy = l.priceApprovedBy; // the manager's name goes with the changed price
        reservations << c;
    }
    auto saved =
        Sql::run(m_db,
                 u"INSERT INTO order_lines (order_id, line_no, product_id, plu, name, qty, "
                 "unit_price, weighed, catalog_price, price_approved_by) "
                 "SELECT ?, n, p, u, nm, q, pr, w, CASE WHEN ap > 0 THEN cp END, nullif(ap, 0) "
                 "FROM unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::int[], "
                 "?::bigint[], ?::boolean[], ?::bigint[], ?::bigint[]) "
                 "AS x(n, p, u, nm, q, pr, w, cp, ap)"_s,
                 {orderId, PgArray::integers(lineNos), PgArray::integers(productIds),
                  PgArray::text(linePlus), PgArray::text(names), PgArray::integers(qtys),
                  PgArray::integers(prices), PgArray::text(weighed),
                  PgArray::integers(catalogPrices), PgArray::integers(approvers)});
    if (!saved)
        return saved.error();

    // Every line from the shelf into the order, or none.
    auto reserved = StockStore(m_db).applyAll(actor, reservations, Permission::Sell);
    if (!reserved) {
        const StoreError why = reserved.error();
        tx.rollback();
        if (why.code != StoreError::Code::Conflict && why.code != StoreError::Code::NotFound)
            return why;
        return recordFailed(actor, order, lines, subtotal, discount, why.message);
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    auto result = byId(orderId);
    if (!result)
        return result.error();
    return *result.value();
}

Result<Order> OrderStore::recordFailed(const Actor &actor, const NewOrder &order,
                                       const QList<OrderLine> &lines, qint64 subtotal,
                                       qint64 discount, const QString &failure)
{
    // The attempt is kept (the Orders page shows it), with nothing reserved.
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto number = nextNumber(order.shopId, order.till);
    if (!number)
        return number.error();
    auto made = Sql::run(
        m_db,
        u"INSERT INTO orders (shop_id, till, number, staff_id, customer_id, status, subtotal, "
        "discount, total, failure, closed_at) VALUES (?, ?, ?, ?, nullif(?::bigint, 0), 'failed', "
        "?, ?, ?, ?, now()) RETURNING id"_s,
        {order.shopId, order.till, number.value(), actor.staffId, order.customerId.value_or(0),
         subtotal, discount, subtotal - discount, failure});
    if (!made)
        return made.error();
    made.value().next();
    const qint64 orderId = made.value().value(0).toLongLong();
    for (const OrderLine &l : lines) {
        auto saved = Sql::run(
            m_db,
            u"INSERT INTO order_lines (order_id, line_no, product_id, plu, name, qty, unit_price, "
            "weighed, catalog_price, price_approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "CASE WHEN ?::bigint > 0 THEN ?::bigint END, nullif(?::bigint, 0))"_s,
            {orderId, l.lineNo, l.productId, l.plu, l.name, l.qty, l.unitPrice, l.weighed,
             l.priceApprovedBy, l.catalogPrice, l.priceApprovedBy});
        if (!saved)
            return saved.error();
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    auto result = byId(orderId);
    if (!result)
        return result.error();
    return *result.value();
}

Result<OrderStore::LockedOrder> OrderStore::lockOrder(qint64 orderId)
{
    auto q = Sql::run(m_db,
                      u"SELECT status, shop_id, number, coalesce(payment_method, ''), subtotal, "
                      "total, expires_at <= now() FROM orders WHERE id = ? FOR UPDATE"_s,
                      {orderId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no order %1.").arg(orderId));
    const QSqlQuery &r = q.value();
    return LockedOrder {r.value(0).toString(), r.value(1).toLongLong(), r.value(2).toString(),
                        r.value(3).toString(), r.value(4).toLongLong(), r.value(5).toLongLong(),
                        r.value(6).toBool()};
}

Result<PaidOrder> OrderStore::pay(const Actor &actor, qint64 orderId, const Payment &payment)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // The row lock orders this against a cancel or the timeout sweep.
    auto head = lockOrder(orderId);
    if (!head)
        return head.error();
    const QString status = head->status;
    const qint64 total = head->total;
    const bool overdue = head->overdue;
    const QString number = head->number;
    const qint64 shopId = head->shopId;
    if (status != u"awaiting_payment"_s)
        return StoreError::conflict(
            tr("Order %1 is %2; only an order awaiting payment can be paid.")
                .arg(number, statusText(status)));
    if (overdue) {
        tx.rollback();
        // Its time is up: the units go back to the shelf now, not at the next sweep.
        auto released = release(systemActor(), orderId, tr("payment time ran out"), true);
        if (!released && released.error().code != StoreError::Code::Conflict)
            return released.error(); // (a conflict: the sweep was first)
        return StoreError::conflict(
            tr("The payment time of order %1 ran out; its items went back to the shelf.")
                .arg(number));
    }

    PaidOrder paid;
    qint64 cash = 0, card = 0;
    QString method;
    switch (payment.method) {
    case PaymentMethod::Cash:
        method = u"cash"_s;
        cash = total;
        if (payment.cashTendered < total)
            return StoreError::invalid(
                u"cash_tendered"_s,
                tr("%1 tendered is less than the total %2.")
                    .arg(Money::format(payment.cashTendered), Money::format(total)));
        paid.change = payment.cashTendered - total;
        break;
    case PaymentMethod::Card:
        method = u"card"_s;
        card = total;
        break;
    case PaymentMethod::Split:
        method = u"split"_s;
        if (payment.card <= 0 || payment.card >= total)
            return StoreError::invalid(
                u"card"_s,
                tr("The card part must be more than zero and less than the total %1.")
                    .arg(Money::format(total)));
        card = payment.card;
        cash = total - card;
        if (payment.cashTendered < cash)
            return StoreError::invalid(
                u"cash_tendered"_s,
                tr("%1 tendered is less than the cash part %2.")
                    .arg(Money::format(payment.cashTendered), Money::format(cash)));
        paid.change = payment.cashTendered - cash;
        break;
    }
    auto updated = Sql::run(m_db,
                            u"UPDATE orders SET status = 'paid', payment_method = ?, "
                            "paid_cash = ?, paid_card = ?, paid_at = now() "
                            "WHERE id = ? AND status = 'awaiting_payment'"_s,
                            {method, cash, card, orderId});
    if (!updated)
        return updated.error();

    // The reserved units are sold: out of the order quantity.
    auto lines = Sql::run(
        m_db,
        u"SELECT plu, qty, coalesce(price_approved_by, 0) FROM order_lines WHERE order_id = ? "
        "ORDER BY line_no"_s,
        {orderId});
    if (!lines)
        return lines.error();
    QList<StockStore::Change> sales;
    while (lines.value().next()) {
        StockStore::Change c;
        c.shopId = shopId;
        c.plu = lines.value().value(0).toString();
        c.orderDelta = -lines.value().value(1).toInt();
        c.approvedBy = lines.value().value(2).toLongLong();
        c.action = u"sold"_s;
        c.reason = tr("Order %1").arg(number);
        c.orderId = orderId;
        sales << c;
    }
    auto sold = StockStore(m_db).applyAll(actor, sales, Permission::Sell);
    if (!sold)
        return sold.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    auto order = byId(orderId);
    if (!order)
        return order.error();
    paid.order = *order.value();
    return paid;
}

Result<Order> OrderStore::cancel(const Actor &actor, qint64 orderId, const QString &reason)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    auto order = byId(orderId);
    if (!order)
        return order.error();
    if (!order.value())
        return StoreError::notFound(tr("There is no order %1.").arg(orderId));
    if (order.value()->staffId != actor.staffId) {
        if (auto refused = checkPermission(actor.role, Permission::ManageOrders))
            return *refused;
    }
    return release(actor, orderId, reason, false);
}

Result<Order> OrderStore::release(const Actor &actor, qint64 orderId, const QString &reason,
                                  bool onlyIfOverdue)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto closed = Sql::run(m_db,
                           u"UPDATE orders SET status = 'cancelled', closed_at = now(), "
                           "closed_by = nullif(?::bigint, 0) WHERE id = ? "
                           "AND status = 'awaiting_payment' %1 RETURNING shop_id, number"_s.arg(
                               onlyIfOverdue ? u"AND expires_at <= now()"_s : QString()),
                           {actor.staffId, orderId});
    if (!closed)
        return closed.error();
    if (!closed.value().next()) {
        tx.rollback();
        auto now = byId(orderId);
        if (!now)
            return now.error();
        if (!now.value())
            return StoreError::notFound(tr("There is no order %1.").arg(orderId));
        const Order &o = *now.value();
        if (o.status == u"paid"_s)
            return StoreError::conflict(
                tr("Order %1 is paid; it cannot be cancelled. Return its items instead.")
                    .arg(o.number));
        return StoreError::conflict(
            tr("Order %1 is %2; only an order awaiting payment can be cancelled.")
                .arg(o.number, statusText(o.status)));
    }
    const qint64 shopId = closed.value().value(0).toLongLong();
    const QString number = closed.value().value(1).toString();
    if (auto released = releaseLines(actor, orderId, shopId, number, reason); !released)
        return released.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    auto result = byId(orderId);
    if (!result)
        return result.error();
    return *result.value();
}

Result<void> OrderStore::releaseLines(const Actor &actor, qint64 orderId, qint64 shopId,
                                      const QString &number, const QString &reason)
{
    auto lines = Sql::run(
        m_db,
        u"SELECT plu, qty, coalesce(price_approved_by, 0) FROM order_lines WHERE order_id = ? "
        "ORDER BY line_no"_s,
        {orderId});
    if (!lines)
        return lines.error();
    QList<StockStore::Change> back;
    while (lines.value().next()) {
        StockStore::Change c;
        c.shopId = shopId;
        c.plu = lines.value().value(0).toString();
        c.shelfDelta = lines.value().value(1).toInt();
        c.orderDelta = -c.shelfDelta;
        c.action = u"released"_s;
        c.reason = reason.isEmpty() ? tr("Order %1 cancelled").arg(number)
                                    : tr("Order %1 cancelled: %2").arg(number, reason);
        c.orderId = orderId;
        back << c;
    }
    auto released = StockStore(m_db).applyAll(actor, back, Permission::Sell);
    if (!released)
        return released.error();
    return {};
}

Result<int> OrderStore::expireOverdue(int batch)
{
    // Each till sweeps on a timer. In one transaction a batch of overdue
    // orders is claimed (SKIP LOCKED: another till's batch, or a payment in
    // progress, is passed over), cancelled and its stock released.
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto claimed = Sql::run(m_db,
                            u"WITH due AS (SELECT id FROM orders WHERE status = 'awaiting_payment' "
                            "  AND expires_at <= now() ORDER BY expires_at LIMIT ? "
                            "  FOR UPDATE SKIP LOCKED) "
                            "UPDATE orders o SET status = 'cancelled', closed_at = now() "
                            "FROM due WHERE o.id = due.id RETURNING o.id, o.shop_id, o.number"_s,
                            {qBound(1, batch, 1000)});
    if (!claimed)
        return claimed.error();
    struct Due
    {
        qint64 id = 0;
        qint64 shopId = 0;
        QString number;
    };
    QList<Due> due;
    while (claimed.value().next())
        due.append({claimed.value().value(0).toLongLong(), claimed.value().value(1).toLongLong(),
                    claimed.value().value(2).toString()});
    for (const Due &d : std::as_const(due)) {
        auto released =
            releaseLines(systemActor(), d.id, d.shopId, d.number, tr("payment time ran out"));
        if (!released)
            return released.error();
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return int(due.size());
}

Result<ReturnedItems> OrderStore::returnItems(const Actor &actor, qint64 orderId,
                                              const QList<ReturnLine> &requested,
                                              const ManagerApproval &approval, const QString &till,
                                              const QString &reason)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (!TillName::isValid(till))
        return StoreError::invalid(u"till"_s,
                                   tr("A till name is 1 to 16 letters, digits, - or _."));
    if (reason.size() > 500)
        return StoreError::invalid(u"reason"_s, tr("The reason must be at most 500 characters."));

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto head = lockOrder(orderId);
    if (!head)
        return head.error();
    const QString status = head->status;
    const qint64 shopId = head->shopId;
    const QString number = head->number;
    const QString paidBy = head->paymentMethod;
    const qint64 subtotal = head->subtotal;
    const qint64 total = head->total;
    if (status != u"paid"_s)
        return StoreError::conflict(tr("Order %1 is %2; only a paid order can be returned.")
                                        .arg(number, statusText(status)));

    auto rows =
        Sql::run(m_db,
                 u"SELECT line_no, plu, qty, returned_qty, unit_price, weighed FROM order_lines "
                 "WHERE order_id = ? ORDER BY line_no"_s,
                 {orderId});
    if (!rows)
        return rows.error();
    struct Left
    {
        QString plu;
        int open = 0;
        OrderLine line; // for the price of what comes back
    };
    QMap<int, Left> open;
    while (rows.value().next())
        open.insert(rows.value().value(0).toInt(),
                    {rows.value().value(1).toString(),
                     rows.value().value(2).toInt() - rows.value().value(3).toInt(),
                     OrderLine {0,
                                0,
                                {},
                                {},
                                0,
                                rows.value().value(4).toLongLong(),
                                0,
                                rows.value().value(5).toBool()}});
    QList<ReturnLine> lines = requested;
    if (lines.isEmpty()) // the whole order, what is left of it
        for (auto it = open.cbegin(); it != open.cend(); ++it)
            if (it->open > 0)
                lines.append({it.key(), it->open});
    if (lines.isEmpty())
        return StoreError::conflict(tr("Everything in order %1 was returned already.").arg(number));
    QList<qint64> lineNos, qtys;
    qint64 gross = 0; // at the receipt's prices, before the order's discount
    QList<StockStore::Change> back;
    for (const ReturnLine &r : std::as_const(lines)) {
        if (!open.contains(r.lineNo))
            return StoreError::invalid(u"line_no"_s,
                                       tr("Order %1 has no line %2.").arg(number).arg(r.lineNo));
        if (lineNos.contains(r.lineNo))
            return StoreError::invalid(u"line_no"_s, tr("Line %1 is given twice.").arg(r.lineNo));
        const Left &left = open.value(r.lineNo);
        if (r.qty < 1 || r.qty > left.open)
            return StoreError::invalid(u"qty"_s,
                                       tr("Line %1 (PLU %2) can take back from 1 to %3.")
                                           .arg(r.lineNo)
                                           .arg(left.plu)
                                           .arg(left.open));
        lineNos << r.lineNo;
        qtys << r.qty;
        gross += left.line.amountFor(r.qty);
        StockStore::Change c;
        c.shopId = shopId;
        c.plu = left.plu;
        c.shelfDelta = r.qty;
        c.action = u"returned"_s;
        c.reason = reason.isEmpty() ? tr("Return of order %1").arg(number)
                                    : tr("Return of order %1: %2").arg(number, reason);
        c.orderId = orderId;
        c.approvedBy = approval.staffId();
        back << c;
    }
    auto marked = Sql::run(m_db,
                           u"UPDATE order_lines l SET returned_qty = l.returned_qty + x.qty "
                           "FROM unnest(?::int[], ?::int[]) AS x(line_no, qty) "
                           "WHERE l.order_id = ? AND l.line_no = x.line_no"_s,
                           {PgArray::integers(lineNos), PgArray::integers(qtys), orderId});
    if (!marked)
        return marked.error();
    auto returned = StockStore(m_db).applyAll(actor, back, Permission::Sell);
    if (!returned)
        return returned.error();
    // The discount is shared out over the items: what comes back is paid
    // back at what it cost. Card orders are refunded to the card; cash and
    // split orders in cash.
    ReturnedItems result;
    result.refund = subtotal > 0 ? (gross * total + subtotal / 2) / subtotal : 0;
    result.method = paidBy == u"card"_s ? u"card"_s : u"cash"_s;
    auto refunded = Sql::run(
        m_db,
        u"INSERT INTO order_returns (order_id, shop_id, till, staff_id, "
        "approved_by, method, amount) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
        {orderId, shopId, till, actor.staffId, approval.staffId(), result.method, result.refund});
    if (!refunded)
        return refunded.error();
    // Fully returned orders are closed; both people are on the order too.
    auto closed = Sql::run(
        m_db,
        u"UPDATE orders SET approved_by = ?, status = CASE WHEN NOT EXISTS (SELECT 1 FROM "
        "order_lines WHERE order_id = ? AND returned_qty < qty) THEN 'returned' ELSE status END, "
        "closed_at = CASE WHEN NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = ? "
        "AND returned_qty < qty) THEN now() ELSE closed_at END WHERE id = ?"_s,
        {approval.staffId(), orderId, orderId, orderId});
    if (!closed)
        return closed.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    auto order = byId(orderId);
    if (!order)
        return order.error();
    result.order = *order.value();
    return result;
}

Result<QList<OrderSummary>> OrderStore::list(const Actor &reader, OrderFilter filter, qint64 before,
                                             int limit) const
{
    if (!hasPermission(reader.role, Permission::ManageOrders))
        filter.staffId = reader.staffId;
    static const QStringList statuses {u"new"_s,  u"awaiting_payment"_s, u"failed"_s,
                                       u"paid"_s, u"cancelled"_s,        u"returned"_s};
    if (!filter.status.isEmpty() && !statuses.contains(filter.status))
        return StoreError::invalid(u"status"_s, tr("Unknown status \"%1\".").arg(filter.status));
    if (filter.dateMin && filter.dateMax && *filter.dateMin > *filter.dateMax)
        return StoreError::invalid(u"date_min"_s, tr("The first day is after the last."));
    QStringList where;
    QVariantList values;
    if (filter.shopId > 0) {
        where << u"o.shop_id = ?"_s;
        values << filter.shopId;
    }
    if (!filter.status.isEmpty()) {
        where << u"o.status = ?"_s;
        values << filter.status;
    }
    if (filter.dateMin) {
        where << u"o.created_at >= (?::date)::timestamp AT TIME ZONE ?"_s;
        values << filter.dateMin->toString(Qt::ISODate) << filter.timeZone;
    }
    if (filter.dateMax) {
        where << u"o.created_at < (?::date + 1)::timestamp AT TIME ZONE ?"_s;
        values << filter.dateMax->toString(Qt::ISODate) << filter.timeZone;
    }
    if (filter.staffId > 0) {
        where << u"o.staff_id = ?"_s;
        values << filter.staffId;
    }
    if (filter.customerId > 0) {
        where << u"o.customer_id = ?"_s;
        values << filter.customerId;
    }
    if (before > 0) {
        // Keyset: strictly after the previous page's last row.
        where << u"(o.created_at, o.id) < (SELECT created_at, id FROM orders WHERE id = ?)"_s;
        values << before;
    }
    values << qBound(1, limit, 1000);
    auto q = Sql::run(m_db,
                      u"SELECT o.id, o.number, o.created_at, o.status, s.display_name, o.staff_id, "
                      "o.total, coalesce(o.payment_method, ''), o.failure FROM orders o "
                      "JOIN staff s ON s.id = o.staff_id %1 "
                      "ORDER BY o.created_at DESC, o.id DESC LIMIT ?"_s.arg(
                          where.isEmpty() ? QString() : u"WHERE "_s + where.join(u" AND "_s)),
                      values);
    if (!q)
        return q.error();
    QList<OrderSummary> rows;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        rows.append({r.value(0).toLongLong(), r.value(1).toString(), r.value(2).toDateTime(),
                     r.value(3).toString(), r.value(4).toString(), r.value(5).toLongLong(),
                     r.value(6).toLongLong(), r.value(7).toString(), r.value(8).toString()});
    }
    return rows;
}

Result<std::optional<Order>> OrderStore::byId(const Actor &reader, qint64 id) const
{
    auto order = byId(id);
    if (!order || !order.value() || hasPermission(reader.role, Permission::ManageOrders) ||
        order.value()->staffId == reader.staffId)
        return order;
    return StoreError::permission(tr("A cashier sees only their own orders."));
}

Result<std::optional<Order>> OrderStore::byId(qint64 id) const
{
    auto q = Sql::run(m_db, u"SELECT %1 FROM orders o WHERE o.id = ?"_s.arg(kOrderColumns), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Order>();
    Order o;
    const QSqlQuery &r = q.value();
    o.id = r.value(0).toLongLong();
    o.shopId = r.value(1).toLongLong();
    o.till = r.value(2).toString();
    o.number = r.value(3).toString();
    o.staffId = r.value(4).toLongLong();
    o.customerId = r.value(5).toLongLong();
    o.status = r.value(6).toString();
    o.subtotal = r.value(7).toLongLong();
    o.discount = r.value(8).toLongLong();
    o.total = r.value(9).toLongLong();
    o.paymentMethod = r.value(10).toString();
    o.paidCash = r.value(11).toLongLong();
    o.paidCard = r.value(12).toLongLong();
    o.createdAt = r.value(13).toDateTime();
    o.expiresAt = r.value(14).toDateTime();
    o.paidAt = r.value(15).toDateTime();
    o.failure = r.value(16).toString();
    auto lines = Sql::run(m_db,
                          u"SELECT line_no, product_id, plu, name, qty, unit_price, returned_qty, "
                          "weighed, coalesce(catalog_price, 0), coalesce(price_approved_by, 0) "
                          "FROM order_lines WHERE order_id = ? ORDER BY line_no"_s,
                          {id});
    if (!lines)
        return lines.error();
    while (lines.value().next()) {
        const QSqlQuery &l = lines.value();
        o.lines.append({l.value(0).toInt(), l.value(1).toLongLong(), l.value(2).toString(),
                        l.value(3).toString(), l.value(4).toInt(), l.value(5).toLongLong(),
                        l.value(6).toInt(), l.value(7).toBool(), l.value(8).toLongLong(),
                        l.value(9).toLongLong()});
    }
    return std::optional<Order>(o);
}

} // namespace shopdesk
