#pragma once

#include "NewOrder.h"
#include "Order.h"
#include "OrderPricing.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace shopdesk {

// Making an order (seed 004): the request checked, priced, numbered,
// written and every line reserved (shelf → order quantity) all or nothing.
// An order that cannot be reserved is recorded as failed, naming the line
// that lacks stock, with nothing reserved.
class OrderPlacement
{
    Q_DECLARE_TR_FUNCTIONS(OrderPlacement)
public:
    explicit OrderPlacement(QSqlDatabase db) : m_db(std::move(db)) { }

    // An order awaiting payment, or a failed one (status Failed, `failure`
    // saying which line lacks stock and how many there are). Bad input (no
    // lines, an unknown PLU, a bad promo code) is an error and records nothing.
    Result<Order> create(const Actor &actor, const NewOrder &order);

private:
    // What the request asks for, checked before anything is read.
    struct Request
    {
        QList<CartLine> lines; // merged
        QHash<QString, PriceChange> priceChanges;
    };
    // The order's row as it is written.
    struct Header
    {
        OrderStatus status = OrderStatus::AwaitingPayment;
        QString number;
        qint64 promoId = 0;
        QString failure;
    };

    Result<Request> validate(const Actor &actor, const NewOrder &order) const;
    // Today's names and prices (a manager's where changed) and the promo's discount.
    Result<PricedOrder> price(const NewOrder &order, const Request &request, qint64 *promoId) const;
    Result<QHash<QString, OrderLine>> catalogFor(const QList<CartLine> &lines) const;
    Result<QString> nextNumber(qint64 shopId, const QString &till);
    Result<qint64> insert(const Actor &actor, const NewOrder &order, const Header &header,
                          const PricedOrder &priced);
    Result<void> insertLines(qint64 orderId, const QList<OrderLine> &lines);
    // The attempt is kept (the Orders page shows it), with nothing reserved.
    Result<Order> recordFailed(const Actor &actor, const NewOrder &order, const PricedOrder &priced,
                               const QString &failure);

    QSqlDatabase m_db;
};

} // namespace shopdesk
