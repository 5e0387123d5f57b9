#pragma once

#include "models/core/Actor.h"
#include "models/core/Permissions.h"
#include "models/core/Result.h"
#include "models/staff/StaffStore.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace shopdesk {

// A line of a sale as the till builds it.
struct CartLine
{
    QString plu;
    int qty = 0; // grams for goods sold by weight
};

// A line's price changed at the till. Only a manager's approval (made by
// StaffStore after their password or PIN) lets one through.
struct PriceOverride
{
    QString plu;
    qint64 unitPrice = 0; // minor units; per kilogram when sold by weight
    ManagerApproval approval;
};

struct NewOrder
{
    qint64 shopId = 0;
    QString till = QStringLiteral("1");
    QList<CartLine> lines; // the same PLU twice is one line with both counts
    std::optional<qint64> customerId;
    QString promoCode; // empty: none
    int paymentTimeoutMinutes = 15;
    std::vector<PriceOverride> priceOverrides;
};

struct OrderLine
{
    int lineNo = 0;
    qint64 productId = 0;
    QString plu;
    QString name;
    int qty = 0;
    qint64 unitPrice = 0; // minor units; per kilogram when weighed
    int returnedQty = 0;
    bool weighed = false; // qty is grams
    qint64 catalogPrice = 0; // the catalog's price when the till changed it, else 0
    qint64 priceApprovedBy = 0; // the manager who approved the change, else 0

    // What `units` of the line cost (rounded to the kopeck when weighed).
    qint64 amountFor(int units) const
    {
        return weighed ? (qint64(units) * unitPrice + 500) / 1000 : unitPrice * units;
    }
    qint64 amount() const { return amountFor(qty); }
};

struct Order
{
    qint64 id = 0;
    qint64 shopId = 0;
    QString till;
    QString number; // "TVR-1-000042": shop code, till, count
    qint64 staffId = 0;
    qint64 customerId = 0; // 0: none
    QString status; // new, awaiting_payment, failed, paid, cancelled, returned
    qint64 subtotal = 0;
    qint64 discount = 0;
    qint64 total = 0;
    QString paymentMethod; // cash, card, split
    qint64 paidCash = 0;
    qint64 paidCard = 0;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime paidAt;
    QString failure; // why a failed order failed
    QList<OrderLine> lines;
};

enum class PaymentMethod { Cash, Card, Split };

struct Payment
{
    PaymentMethod method = PaymentMethod::Cash;
    qint64 cashTendered = 0; // what the customer handed over (cash and split)
    qint64 card = 0; // the card part of a split payment
};

struct PaidOrder
{
    Order order;
    qint64 change = 0; // cash to hand back
};

// The Orders page's filters; every field optional.
struct OrderFilter
{
    qint64 shopId = 0; // 0: every shop
    QString status; // empty: any
    std::optional<QDate> dateMin; // created, inclusive, in timeZone
    std::optional<QDate> dateMax;
    QString timeZone = QStringLiteral("UTC");
    qint64 staffId = 0; // the cashier; 0: anyone
    qint64 customerId = 0; // 0: any
};

// One row of the order list.
struct OrderSummary
{
    qint64 id = 0;
    QString number;
    QDateTime createdAt;
    QString status;
    QString cashier;
    qint64 staffId = 0;
    qint64 total = 0;
    QString paymentMethod;
    QString failure;
};

// A return of some units of some lines (empty: everything still unreturned).
struct ReturnLine
{
    int lineNo = 0;
    int qty = 0;
};

struct ReturnedItems
{
    Order order;
    qint64 refund = 0; // to pay back, minor units, the order's discount shared out
    QString method; // "cash" or "card": how the order was paid (split: cash)
};

// The order lifecycle (seed 004): creating an order reserves every line
// (shelf → order quantity) all or nothing; an order that cannot be reserved
// is recorded as failed with the line that lacked stock. Paying sells the
// reserved units; cancelling, or the payment timeout, puts them back. Every
// transition is a conditional status update, so a cancelled order cannot be
// paid nor a paid one cancelled, whatever several tills do at once.
class OrderStore
{
    Q_DECLARE_TR_FUNCTIONS(OrderStore)
public:
    explicit OrderStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // An order awaiting payment, or a failed one (status "failed", `failure`
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
    // Newest first, `limit` rows created before `before` (an order id: the
    // last row of the previous page; 0 for the first page).
    // A cashier (without ManageOrders) sees only their own orders, whatever
    // the filter asks.
    Result<QList<OrderSummary>> list(const Actor &reader, OrderFilter filter, qint64 before,
                                     int limit) const;

    static QString statusText(const QString &status);

private:
    // The order's row, locked for the rest of the transaction.
    struct LockedOrder
    {
        QString status;
        qint64 shopId = 0;
        QString number;
        QString paymentMethod;
        qint64 subtotal = 0;
        qint64 total = 0;
        bool overdue = false; // its payment time is up
    };
    Result<LockedOrder> lockOrder(qint64 orderId);
    Result<Order> recordFailed(const Actor &actor, const NewOrder &order,
                               const QList<OrderLine> &lines, qint64 subtotal, qint64 discount,
                               const QString &failure);
    Result<QString> nextNumber(qint64 shopId, const QString &till);
    // Cancels an order awaiting payment (only an overdue one, if so asked)
    // and puts its reserved units back on the shelf, in one transaction.
    Result<Order> release(const Actor &actor, qint64 orderId, const QString &reason,
                          bool onlyIfOverdue);
    // Inside an open transaction: the cancelled order's units back on the shelf.
    Result<void> releaseLines(const Actor &actor, qint64 orderId, qint64 shopId,
                              const QString &number, const QString &reason);

    QSqlDatabase m_db;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::Order)
