#include "OrderPayment.h"

#include "OrderExpiry.h"
#include "OrderLock.h"
#include "OrderPricing.h"
#include "OrderQueries.h"
#include "OrderStockMoves.h"
#include "models/core/Sql.h"
#include "models/shifts/ShiftStore.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<PaidOrder> OrderPayment::pay(const Actor &actor, qint64 orderId, const Payment &payment)
{
    OrderLock lock(m_db);
    auto order = lock.acquire(actor, Permission::Sell, orderId);
    if (!order)
        return order.error();
    if (order->status != OrderStatus::AwaitingPayment)
        return StoreError::conflict(
            tr("Order %1 is %2; only an order awaiting payment can be paid.")
                .arg(order->number, orderStatusText(order->status)));
    if (order->overdue) {
        if (auto released = OrderExpiry(m_db).releaseOverdue(order.value()); !released)
            return released.error();
        if (auto done = lock.commit(); !done)
            return done.error();
        return StoreError::conflict(
            tr("The payment time of order %1 ran out; its items went back to the shelf.")
                .arg(order->number));
    }
    auto settled = OrderPricing::settle(order->total, payment);
    if (!settled)
        return settled.error();
    // The sale counts in the shift open on its till, and that shift cannot
    // close before this commits.
    auto shift = ShiftStore(m_db).lockOpen(order->shopId, order->till);
    if (!shift)
        return shift.error();
    auto updated =
        Sql::run(m_db,
                 u"UPDATE orders SET status = 'paid', payment_method = :method, "
                 "paid_cash = :cash, paid_card = :card, paid_at = now(), shift_id = :shift "
                 "WHERE id = :order_id AND status = 'awaiting_payment'"_s,
                 {{u":method"_s, paymentMethodKey(settled->method)},
                  {u":cash"_s, settled->cash},
                  {u":card"_s, settled->card},
                  {u":shift"_s, shift.value()},
                  {u":order_id"_s, orderId}});
    if (!updated)
        return updated.error();
    if (auto sold = OrderStockMoves(m_db).sell(actor, order.value()); !sold)
        return sold.error();
    if (auto done = lock.commit(); !done)
        return done.error();
    auto paid = OrderQueries(m_db).existing(orderId);
    if (!paid)
        return paid.error();
    return PaidOrder {paid.value(), settled->change};
}

} // namespace shopdesk
