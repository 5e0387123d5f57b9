#pragma once

#include "Payment.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace shopdesk {

// Paying an order awaiting payment: the money checked against its total,
// the order marked paid and its reserved units sold, in one transaction. An
// order whose payment time ran out is released instead (its units back on
// the shelf now, not at the next sweep) and the payment refused.
class OrderPayment
{
    Q_DECLARE_TR_FUNCTIONS(OrderPayment)
public:
    explicit OrderPayment(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<PaidOrder> pay(const Actor &actor, qint64 orderId, const Payment &payment);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
