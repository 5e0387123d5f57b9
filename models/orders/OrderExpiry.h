#pragma once

#include "OrderLock.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace shopdesk {

// Unpaid orders whose payment time is up give their stock back. The
// application sweeps every minute (OrderExpirySweep); a payment that finds
// its order overdue releases that one order at once.
class OrderExpiry
{
    Q_DECLARE_TR_FUNCTIONS(OrderExpiry)
public:
    explicit OrderExpiry(QSqlDatabase db) : m_db(std::move(db)) { }

    // Cancels a batch of overdue orders; several tills may run it at once
    // (each order is taken by one of them). Returns how many.
    Result<int> expireOverdue(int batch = 100);
    // Inside the caller's transaction, `order` locked, awaiting payment and
    // overdue: cancelled for nobody in particular, its units back on the shelf.
    Result<void> releaseOverdue(const LockedOrder &order);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
