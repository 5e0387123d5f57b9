#pragma once

#include "NewOrder.h"
#include "Order.h"
#include "OrderFilter.h"
#include "Payment.h"
#include "Returns.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/staff/StaffStore.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// The order life cycle (seed 004) in one door: creating an order reserves
// every line (shelf → order quantity) all or nothing; an order that cannot
// be reserved is recorded as failed with the line that lacked stock.
// Paying sells the reserved units; cancelling, or the payment timeout, puts
// them back. Every transition is a conditional status update on the order's
// locked row, so a cancelled order cannot be paid nor a paid one cancelled,
// whatever several tills do at once.
//
// Each call is one unit's: OrderPlacement (create), OrderPayment (pay),
// OrderCancellation (cancel), OrderReturns (returnItems), OrderExpiry
// (expireOverdue) and OrderQueries (byId, list); the changes open through
// OrderLock and move stock through OrderStockMoves, the arithmetic is
// OrderPricing's.
class OrderStore
{
public:
    explicit OrderStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // An order awaiting payment, or a failed one (status Failed, `failure`
    // saying which line lacks stock and how many there are). Bad input (no
    // lines, an unknown PLU, a bad promo code) is an error and records nothing.
    Result<Order> create(const Actor &actor, const NewOrder &order);
    Result<PaidOrder> pay(const Actor &actor, qint64 orderId, const Payment &payment);
    // Puts the reserved units back. A cashier cancels their own orders; a
    // manager anyone's.
    Result<Order> cancel(const Actor &actor, qint64 orderId, const QString &reason = {});
    // Returns units of a paid order to the shelf and records the refund at
    // `till`. A manager approves (StaffStore::approveAsManager); both people
    // are recorded in history.
    Result<ReturnedItems> returnItems(const Actor &actor, qint64 orderId,
                                      const QList<ReturnLine> &lines,
                                      const ManagerApproval &approval, const QString &till,
                                      const QString &reason = {});
    // Cancels unpaid orders whose payment time is up; several tills may run
    // it at once (each order is taken by one of them). Returns how many.
    Result<int> expireOverdue(int batch = 100);

    Result<std::optional<Order>> byId(qint64 id) const;
    // The same for a person looking at it: a cashier (without ManageOrders)
    // may see only their own orders.
    Result<std::optional<Order>> byId(const Actor &reader, qint64 id) const;
    Result<std::optional<Order>> byNumber(const Actor &reader, const QString &number) const;
    // Newest first, `limit` rows created before `before` (an order id: the
    // last row of the previous page; 0 for the first page).
    // A cashier (without ManageOrders) sees only their own orders, whatever
    // the filter asks.
    Result<QList<OrderSummary>> list(const Actor &reader, const OrderFilter &filter, qint64 before,
                                     int limit) const;

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
