#include "OrderStore.h"

#include "OrderCancellation.h"
#include "OrderExpiry.h"
#include "OrderPayment.h"
#include "OrderPlacement.h"
#include "OrderQueries.h"
#include "OrderReturns.h"

namespace shopdesk {

Result<Order> OrderStore::create(const Actor &actor, const NewOrder &order)
{
    return OrderPlacement(m_db).create(actor, order);
}

Result<PaidOrder> OrderStore::pay(const Actor &actor, qint64 orderId, const Payment &payment)
{
    return OrderPayment(m_db).pay(actor, orderId, payment);
}

Result<Order> OrderStore::cancel(const Actor &actor, qint64 orderId, const QString &reason)
{
    return OrderCancellation(m_db).cancel(actor, orderId, reason);
}

Result<ReturnedItems> OrderStore::returnItems(const Actor &actor, qint64 orderId,
                                              const QList<ReturnLine> &lines,
                                              const ManagerApproval &approval, const QString &till,
                                              const QString &reason)
{
    return OrderReturns(m_db).returnItems(actor, orderId, lines, approval, till, reason);
}

Result<int> OrderStore::expireOverdue(int batch)
{
    return OrderExpiry(m_db).expireOverdue(batch);
}

Result<std::optional<Order>> OrderStore::byId(qint64 id) const
{
    return OrderQueries(m_db).byId(id);
}

Result<std::optional<Order>> OrderStore::byId(const Actor &reader, qint64 id) const
{
    return OrderQueries(m_db).byId(reader, id);
}

Result<std::optional<Order>> OrderStore::byNumber(const Actor &reader, const QString &number) const
{
    return OrderQueries(m_db).byNumber(reader, number);
}

Result<QList<OrderSummary>> OrderStore::list(const Actor &reader, const OrderFilter &filter,
                                             qint64 before, int limit) const
{
    return OrderQueries(m_db).list(reader, filter, before, limit);
}

} // namespace shopdesk
