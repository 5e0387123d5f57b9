#pragma once

#include "NewOrder.h"
#include "Order.h"
#include "OrderFilter.h"
#include "Payment.h"
#include "PromoCodeStore.h"
#include "Returns.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/staff/StaffStore.h"

#include <QFuture>
#include <QList>

#include <optional>

namespace shopdesk {

// Orders, returns and promo codes for the pages: every call runs the
// stores on a pool thread's own connection, as `actor`, and answers through
// its future (see whenReady).
class OrdersService
{
public:
    explicit OrdersService(Actor actor) : m_actor(std::move(actor)) { }

    // The till's order: every line reserved, awaiting payment. An order
    // that could not be reserved comes back as a Conflict on the field
    // "stock" saying which line lacks stock (it is kept as failed).
    QFuture<Result<Order>> reserve(const NewOrder &order) const;
    // Pays a reserved order; a payment that fails cancels it in the same
    // call, so nothing stays reserved for a sale that was not paid.
    QFuture<Result<PaidOrder>> payOrCancel(qint64 orderId, const Payment &payment) const;
    QFuture<Result<Order>> cancel(qint64 orderId, const QString &reason) const;

    QFuture<Result<QList<OrderSummary>>> list(const OrderFilter &filter, qint64 before,
                                              int limit) const;
    QFuture<Result<std::optional<Order>>> byId(qint64 orderId) const;
    // By the number on its receipt (typed, or scanned from its barcode).
    QFuture<Result<std::optional<Order>>> byNumber(const QString &number) const;
    // A manager signing in on the till to approve (their password or PIN).
    struct ManagerSignIn
    {
        QString login;
        QString secret;
        qint64 shopId = 0;
    };
    // Items of a paid order taken back at `till`, once the manager's sign-in
    // checks out (both in one call: no approval is handed to the page).
    QFuture<Result<ReturnedItems>> returnItems(qint64 orderId, const QList<ReturnLine> &lines,
                                               const QString &till, const QString &reason,
                                               const ManagerSignIn &manager) const;
    // A manager's approval on the till (a changed price).
    static QFuture<Result<ManagerApproval>> approveAsManager(const ManagerSignIn &manager);
    // Everyone who may have made an order, for the cashier filter.
    QFuture<Result<QList<StaffName>>> cashiers() const;

    // A promo code as the cashier types it: valid for the purchase as far
    // as it is known (its subtotal, products, customer), or the exact
    // reason it is not. The order checks it again when it is placed.
    QFuture<Result<PromoCodeStore::Valid>> checkPromoCode(const QString &code,
                                                          const PromoCodeStore::Purchase &purchase,
                                                          const QTimeZone &zone) const;

    // Unpaid orders whose payment time is up, released (for nobody in
    // particular): how many.
    static QFuture<Result<int>> expireOverdue();

private:
    Actor m_actor;
};

} // namespace shopdesk
