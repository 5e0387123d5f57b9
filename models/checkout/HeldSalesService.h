#pragma once

#include "HeldSaleStore.h"

#include <QFuture>

namespace shopdesk {

// HeldSaleStore for the till: each call on a pool thread's own connection,
// as `actor`, answered through its future (see whenReady).
class HeldSalesService
{
public:
    explicit HeldSalesService(Actor actor) : m_actor(std::move(actor)) { }

    QFuture<Result<qint64>> park(qint64 shopId, const QString &till, const OpenSale &sale,
                                 qint64 total, int units) const;
    QFuture<Result<QList<ParkedSale>>> parked(qint64 shopId, const QString &till) const;
    QFuture<Result<ParkedSale>> recall(qint64 parkedId) const;
    QFuture<Result<qint64>> recordVoid(qint64 shopId, const QString &till, const OpenSale &sale,
                                       qint64 total) const;
    QFuture<Result<QList<VoidedSale>>> voided(qint64 shopId, const QDateTime &since) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
