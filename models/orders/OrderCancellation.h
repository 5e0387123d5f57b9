#pragma once

#include "Order.h"
#include "OrderLock.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace shopdesk {

// Cancelling an order awaiting payment: it is closed and its reserved units
// go back on the shelf. A cashier cancels their own orders; a manager
// anyone's. A paid order is not cancelled but returned (OrderReturns).
class OrderCancellation
{
    Q_DECLARE_TR_FUNCTIONS(OrderCancellation)
public:
    explicit OrderCancellation(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<Order> cancel(const Actor &actor, qint64 orderId, const QString &reason = {});

    // Inside the caller's transaction, `order` locked and awaiting payment:
    // closed as cancelled by `actor` (nobody for the timeout) and its units
    // back on the shelf.
    Result<void> release(const Actor &actor, const LockedOrder &order, const QString &reason);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
