#include "OrderLock.h"

#include "models/core/Sql.h"

#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<LockedOrder> OrderLock::acquire(const Actor &actor, Permission permission, qint64 orderId)
{
    if (auto refused = checkPermission(actor.role, permission))
        return *refused;
    m_tx.emplace(m_db);
    if (!m_tx->isOpen())
        return m_tx->openError();
    auto q = Sql::run(m_db,
                      u"SELECT status, shop_id, till, number, staff_id, "
                      "coalesce(payment_method, '') AS payment_method, subtotal, total, "
                      "expires_at <= now() AS overdue FROM orders WHERE id = ? FOR UPDATE"_s,
                      {orderId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no order %1.").arg(orderId));
    const QSqlRecord row = q.value().record();
    LockedOrder order;
    order.id = orderId;
    order.status = orderStatusFromKey(row.value(u"status"_s).toString()).value_or(OrderStatus::New);
    order.shopId = row.value(u"shop_id"_s).toLongLong();
    order.till = row.value(u"till"_s).toString();
    order.number = row.value(u"number"_s).toString();
    order.staffId = row.value(u"staff_id"_s).toLongLong();
    order.paymentMethod = paymentMethodFromKey(row.value(u"payment_method"_s).toString());
    order.subtotal = row.value(u"subtotal"_s).toLongLong();
    order.total = row.value(u"total"_s).toLongLong();
    order.overdue = row.value(u"overdue"_s).toBool();
    return order;
}

Result<void> OrderLock::commit()
{
    if (!m_tx)
        return StoreError::database(tr("No order was locked."));
    return m_tx->commit();
}

} // namespace shopdesk
