#include "OrderCancellation.h"

#include "OrderQueries.h"
#include "OrderStockMoves.h"
#include "models/core/Sql.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<Order> OrderCancellation::cancel(const Actor &actor, qint64 orderId, const QString &reason)
{
    OrderLock lock(m_db);
    auto order = lock.acquire(actor, Permission::Sell, orderId);
    if (!order)
        return order.error();
    if (order->staffId != actor.staffId) {
        if (auto refused = checkPermission(actor.role, Permission::ManageOrders))
            return *refused;
    }
    if (order->status == OrderStatus::Paid)
        return StoreError::conflict(
            tr("Order %1 is paid; it cannot be cancelled. Return its items instead.")
                .arg(order->number));
    if (order->status != OrderStatus::AwaitingPayment)
        return StoreError::conflict(
            tr("Order %1 is %2; only an order awaiting payment can be cancelled.")
                .arg(order->number, orderStatusText(order->status)));
    if (auto released = release(actor, order.value(), reason); !released)
        return released.error();
    if (auto done = lock.commit(); !done)
        return done.error();
    return OrderQueries(m_db).existing(orderId);
}

Result<void> OrderCancellation::release(const Actor &actor, const LockedOrder &order,
                                        const QString &reason)
{
    auto closed = Sql::run(m_db,
                           u"UPDATE orders SET status = 'cancelled', closed_at = now(), "
                           "closed_by = nullif(?::bigint, 0) WHERE id = ? "
                           "AND status = 'awaiting_payment' RETURNING id"_s,
                           {actor.staffId, order.id});
    if (!closed)
        return closed.error();
    if (!closed.value().next()) // the conditional update found it no longer awaiting payment
        return StoreError::conflict(
            tr("Order %1 is %2; only an order awaiting payment can be cancelled.")
                .arg(order.number, orderStatusText(order.status)));
    return OrderStockMoves(m_db).release(actor, order, reason);
}

} // namespace shopdesk
