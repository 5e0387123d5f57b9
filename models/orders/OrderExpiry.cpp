#include "OrderExpiry.h"

#include "OrderCancellation.h"
#include "OrderStockMoves.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"

#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The timeout acts for nobody in particular; history records no person.
Actor systemActor()
{
    Actor a;
    a.role = Role::Manager;
    return a;
}

} // namespace

Result<int> OrderExpiry::expireOverdue(int batch)
{
    // In one transaction a batch of overdue orders is claimed (SKIP LOCKED:
    // another till's batch, or a payment in progress, is passed over),
    // cancelled and its stock released.
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
    QList<LockedOrder> due;
    while (claimed.value().next()) {
        const QSqlRecord row = claimed.value().record();
        LockedOrder order;
        order.id = row.value(u"id"_s).toLongLong();
        order.status = OrderStatus::Cancelled;
        order.shopId = row.value(u"shop_id"_s).toLongLong();
        order.number = row.value(u"number"_s).toString();
        due.append(order);
    }
    OrderStockMoves stock(m_db);
    for (const LockedOrder &order : std::as_const(due)) {
        if (auto released = stock.release(systemActor(), order, tr("payment time ran out"));
            !released)
            return released.error();
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return int(due.size());
}

Result<void> OrderExpiry::releaseOverdue(const LockedOrder &order)
{
    return OrderCancellation(m_db).release(systemActor(), order, tr("payment time ran out"));
}

} // namespace shopdesk
