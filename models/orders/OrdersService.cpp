#include "OrdersService.h"

#include "OrderStore.h"
#include "models/core/DatabaseTask.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

QFuture<Result<Order>> OrdersService::reserve(const NewOrder &order) const
{
    return onDatabase([actor = m_actor, order](const QSqlDatabase &db) -> Result<Order> {
        auto made = OrderStore(db).create(actor, order);
        if (made && made->status == OrderStatus::Failed)
            return StoreError::conflict(made->failure, u"stock"_s);
        return made;
    });
}

QFuture<Result<PaidOrder>> OrdersService::payOrCancel(qint64 orderId, const Payment &payment) const
{
    return onDatabase([actor = m_actor, orderId, payment](const QSqlDatabase &db) {
        OrderStore orders(db);
        auto paid = orders.pay(actor, orderId, payment);
        if (!paid) {
            // (An order already gone, e.g. its time ran out, has nothing to cancel.)
            auto cancelled = orders.cancel(actor, orderId, paid.error().message);
            Q_UNUSED(cancelled);
        }
        return paid;
    });
}

QFuture<Result<Order>> OrdersService::cancel(qint64 orderId, const QString &reason) const
{
    return onDatabase([actor = m_actor, orderId, reason](const QSqlDatabase &db) {
        return OrderStore(db).cancel(actor, orderId, reason);
    });
}

QFuture<Result<QList<OrderSummary>>> OrdersService::list(const OrderFilter &filter, qint64 before,
                                                         int limit) const
{
    return onDatabase([reader = m_actor, filter, before, limit](const QSqlDatabase &db) {
        return OrderStore(db).list(reader, filter, before, limit);
    });
}

QFuture<Result<std::optional<Order>>> OrdersService::byId(qint64 orderId) const
{
    return onDatabase([reader = m_actor, orderId](const QSqlDatabase &db) {
        return OrderStore(db).byId(reader, orderId);
    });
}

QFuture<Result<std::optional<Order>>> OrdersService::byNumber(const QString &number) const
{
    return onDatabase([reader = m_actor, number](const QSqlDatabase &db) {
        return OrderStore(db).byNumber(reader, number);
    });
}

QFuture<Result<ReturnedItems>>
OrdersService::returnItems(qint64 orderId, const QList<ReturnLine> &lines, const QString &till,
                           const QString &reason, const ManagerSignIn &manager) const
{
    return onDatabase([=, cashier = m_actor](const QSqlDatabase &db) -> Result<ReturnedItems> {
        auto approval =
            StaffStore(db).approveAsManager(manager.login, manager.secret, manager.shopId);
        if (!approval)
            return approval.error();
        return OrderStore(db).returnItems(cashier, orderId, lines, approval.value(), till, reason);
    });
}

QFuture<Result<ManagerApproval>> OrdersService::approveAsManager(const ManagerSignIn &manager)
{
    return onDatabase([manager](const QSqlDatabase &db) {
        return StaffStore(db).approveAsManager(manager.login, manager.secret, manager.shopId);
    });
}

QFuture<Result<QList<StaffName>>> OrdersService::cashiers() const
{
    return onDatabase([](const QSqlDatabase &db) { return StaffStore(db).names(); });
}

QFuture<Result<PromoCodeStore::Valid>>
OrdersService::checkPromoCode(const QString &code, const PromoCodeStore::Purchase &purchase,
                              const QTimeZone &zone) const
{
    return onDatabase([code, purchase, zone](const QSqlDatabase &db) {
        PromoCodeStore::Purchase checked = purchase;
        checked.lock = false; // nothing is taken until the order is placed
        return PromoCodeStore(db).check(code, checked, zone);
    });
}

QFuture<Result<int>> OrdersService::expireOverdue()
{
    return onDatabase([](const QSqlDatabase &db) { return OrderStore(db).expireOverdue(); });
}

} // namespace shopdesk
