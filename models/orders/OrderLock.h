#pragma once

#include "OrderStatus.h"
#include "PaymentMethod.h"
#include "models/core/Actor.h"
#include "models/core/Permissions.h"
#include "models/core/Result.h"
#include "models/core/Transaction.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// An order's row as a change to it reads it, locked for the change's transaction.
struct LockedOrder
{
    qint64 id = 0;
    OrderStatus status = OrderStatus::New;
    qint64 shopId = 0;
    QString till; // where it was made
    QString number;
    qint64 staffId = 0; // who made it
    std::optional<PaymentMethod> paymentMethod;
    qint64 subtotal = 0;
    qint64 total = 0;
    bool overdue = false; // its payment time is up
};

// How every change to an existing order opens: the actor's permission, a
// transaction, and the order's row locked (FOR UPDATE) and read. The lock
// puts a payment, a cancel, a return and the timeout sweep of one order one
// after the other, whatever several tills do at once; the transaction rolls
// back unless commit() is called.
class OrderLock
{
    Q_DECLARE_TR_FUNCTIONS(OrderLock)
public:
    explicit OrderLock(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<LockedOrder> acquire(const Actor &actor, Permission permission, qint64 orderId);
    Result<void> commit();

private:
    QSqlDatabase m_db;
    std::optional<Transaction> m_tx;
};

} // namespace shopdesk
