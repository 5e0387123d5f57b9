#include "OrderReturns.h"

#include "OrderLock.h"
#include "OrderPricing.h"
#include "OrderQueries.h"
#include "OrderStockMoves.h"
#include "OrderVat.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/TillName.h"
#include "models/shifts/ShiftStore.h"

#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<ReturnedItems> OrderReturns::returnItems(const Actor &actor, qint64 orderId,
                                                const QList<ReturnLine> &lines,
                                                const ManagerApproval &approval,
                                                const QString &till, const QString &reason)
{
    // Who may, before what they asked for is looked at.
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (!TillName::isValid(till))
        return StoreError::invalid(u"till"_s,
                                   tr("A till name is 1 to 16 letters, digits, - or _."));
    if (reason.size() > 500)
        return StoreError::invalid(u"reason"_s, tr("The reason must be at most 500 characters."));

    OrderLock lock(m_db);
    auto order = lock.acquire(actor, Permission::Sell, orderId);
    if (!order)
        return order.error();
    if (order->status != OrderStatus::Paid)
        return StoreError::conflict(tr("Order %1 is %2; only a paid order can be returned.")
                                        .arg(order->number, orderStatusText(order->status)));
    // Money paid back comes out of the drawer of the shift open on this till.
    auto shift = ShiftStore(m_db).lockOpen(order->shopId, till);
    if (!shift)
        return shift.error();
    auto open = openLines(orderId);
    if (!open)
        return open.error();
    auto back = coming(order->number, open.value(), lines);
    if (!back)
        return back.error();

    QList<qint64> lineNos, qtys, nets, vats;
    QList<OrderLine> vatBack; // the units coming back with their share of net and VAT
    qint64 gross = 0; // at the receipt's prices, before the order's discount
    for (const OrderLine &line : back.value()) {
        lineNos << line.lineNo;
        qtys << line.qty;
        gross += line.amount();
        // The part of the line's net amount and VAT these units take back.
        const OrderLine &sold = open->value(line.lineNo);
        OrderLine share = line;
        share.netAmount =
            OrderVat::returnedShare(sold.netAmount, sold.qty, sold.returnedQty, line.qty);
        share.vatAmount =
            OrderVat::returnedShare(sold.vatAmount, sold.qty, sold.returnedQty, line.qty);
        nets << share.netAmount;
        vats << share.vatAmount;
        vatBack << share;
    }
    auto marked = Sql::run(m_db,
                           u"UPDATE order_lines l SET returned_qty = l.returned_qty + x.qty "
                           "FROM unnest(?::int[], ?::int[]) AS x(line_no, qty) "
                           "WHERE l.order_id = ? AND l.line_no = x.line_no"_s,
                           {PgArray::integers(lineNos), PgArray::integers(qtys), orderId});
    if (!marked)
        return marked.error();
    if (auto returned = OrderStockMoves(m_db).takeBack(actor, order.value(), back.value(),
                                                       approval.staffId(), reason);
        !returned)
        return returned.error();

    // What comes back is paid back at what it cost. Card orders are refunded
    // to the card; cash and split orders in cash.
    ReturnedItems result;
    result.refund = OrderPricing::refundShare(gross, order->total, order->subtotal);
    result.vat = OrderVat::totals(vatBack);
    result.method =
        order->paymentMethod == PaymentMethod::Card ? PaymentMethod::Card : PaymentMethod::Cash;
    auto refunded = Sql::run(m_db,
                             u"INSERT INTO order_returns (order_id, shop_id, till, staff_id, "
                             "approved_by, method, amount, shift_id) VALUES (:order_id, :shop_id, "
                             ":till, :staff_id, :approved_by, :method, :amount, :shift) "
                             "RETURNING id"_s,
                             {{u":order_id"_s, orderId},
                              {u":shop_id"_s, order->shopId},
                              {u":till"_s, till},
                              {u":staff_id"_s, actor.staffId},
                              {u":approved_by"_s, approval.staffId()},
                              {u":method"_s, paymentMethodKey(result.method)},
                              {u":amount"_s, result.refund},
                              {u":shift"_s, shift.value()}});
    if (!refunded)
        return refunded.error();
    refunded.value().next();
    auto lined = Sql::run(
        m_db,
        u"INSERT INTO order_return_lines (return_id, order_id, line_no, qty, net_amount, "
        "vat_amount) SELECT :return_id, :order_id, n, q, na, va FROM unnest(:line_nos::int[], "
        ":qtys::int[], :nets::bigint[], :vats::bigint[]) AS x(n, q, na, va)"_s,
        {{u":return_id"_s, refunded.value().value(0).toLongLong()},
         {u":order_id"_s, orderId},
         {u":line_nos"_s, PgArray::integers(lineNos)},
         {u":qtys"_s, PgArray::integers(qtys)},
         {u":nets"_s, PgArray::integers(nets)},
         {u":vats"_s, PgArray::integers(vats)}});
    if (!lined)
        return lined.error();
    // Fully returned orders are closed; both people are on the order too.
    auto closed = Sql::run(
        m_db,
        u"UPDATE orders SET approved_by = :approved_by, status = CASE WHEN NOT EXISTS (SELECT 1 "
        "FROM order_lines WHERE order_id = :order_id AND returned_qty < qty) THEN 'returned' "
        "ELSE status END, closed_at = CASE WHEN NOT EXISTS (SELECT 1 FROM order_lines "
        "WHERE order_id = :order_id AND returned_qty < qty) THEN now() ELSE closed_at END "
        "WHERE id = :order_id"_s,
        {{u":approved_by"_s, approval.staffId()}, {u":order_id"_s, orderId}});
    if (!closed)
        return closed.error();
    if (auto done = lock.commit(); !done)
        return done.error();
    auto now = OrderQueries(m_db).existing(orderId);
    if (!now)
        return now.error();
    result.order = now.value();
    return result;
}

Result<OrderReturns::OpenLines> OrderReturns::openLines(qint64 orderId) const
{
    auto q = Sql::run(
        m_db,
        u"SELECT line_no, plu, qty, returned_qty, unit_price, weighed, net_amount, "
        "vat_amount, vat_code, vat_rate FROM order_lines WHERE order_id = ? ORDER BY line_no"_s,
        {orderId});
    if (!q)
        return q.error();
    OpenLines open;
    while (q.value().next()) {
        const QSqlRecord row = q.value().record();
        OrderLine line;
        line.lineNo = row.value(u"line_no"_s).toInt();
        line.plu = row.value(u"plu"_s).toString();
        line.qty = row.value(u"qty"_s).toInt();
        line.returnedQty = row.value(u"returned_qty"_s).toInt();
        line.unitPrice = row.value(u"unit_price"_s).toLongLong();
        line.weighed = row.value(u"weighed"_s).toBool();
        line.netAmount = row.value(u"net_amount"_s).toLongLong();
        line.vatAmount = row.value(u"vat_amount"_s).toLongLong();
        line.vatCode = row.value(u"vat_code"_s).toString();
        if (!row.value(u"vat_rate"_s).isNull())
            line.vatRate = row.value(u"vat_rate"_s).toInt();
        open.insert(line.lineNo, line);
    }
    return open;
}

Result<QList<OrderLine>> OrderReturns::coming(const QString &number, const OpenLines &open,
                                              const QList<ReturnLine> &requested) const
{
    QList<ReturnLine> asked = requested;
    if (asked.isEmpty()) // the whole order, what is left of it
        for (const OrderLine &line : open)
            if (line.qty > line.returnedQty)
                asked.append({line.lineNo, line.qty - line.returnedQty});
    if (asked.isEmpty())
        return StoreError::conflict(tr("Everything in order %1 was returned already.").arg(number));
    QList<OrderLine> back;
    for (const ReturnLine &r : std::as_const(asked)) {
        const auto line = open.constFind(r.lineNo);
        if (line == open.constEnd())
            return StoreError::invalid(u"line_no"_s,
                                       tr("Order %1 has no line %2.").arg(number).arg(r.lineNo));
        if (std::any_of(back.cbegin(), back.cend(),
                        [&](const OrderLine &b) { return b.lineNo == r.lineNo; }))
            return StoreError::invalid(u"line_no"_s, tr("Line %1 is given twice.").arg(r.lineNo));
        const int left = line->qty - line->returnedQty;
        if (r.qty < 1 || r.qty > left)
            return StoreError::invalid(u"qty"_s,
                                       tr("Line %1 (PLU %2) can take back from 1 to %3.")
                                           .arg(r.lineNo)
                                           .arg(line->plu)
                                           .arg(left));
        OrderLine units = line.value();
        units.qty = r.qty; // what comes back, at the line's price
        units.returnedQty = 0;
        back.append(units);
    }
    return back;
}

} // namespace shopdesk
