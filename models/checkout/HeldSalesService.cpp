#include "HeldSalesService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<qint64>> HeldSalesService::park(qint64 shopId, const QString &till,
                                               const OpenSale &sale, qint64 total, int units) const
{
    return onDatabase([actor = m_actor, shopId, till, sale, total, units](const QSqlDatabase &db) {
        return HeldSaleStore(db).park(actor, shopId, till, sale, total, units);
    });
}

QFuture<Result<QList<ParkedSale>>> HeldSalesService::parked(qint64 shopId,
                                                            const QString &till) const
{
    return onDatabase(
        [shopId, till](const QSqlDatabase &db) { return HeldSaleStore(db).parked(shopId, till); });
}

QFuture<Result<ParkedSale>> HeldSalesService::recall(qint64 parkedId) const
{
    return onDatabase([actor = m_actor, parkedId](const QSqlDatabase &db) {
        return HeldSaleStore(db).recall(actor, parkedId);
    });
}

QFuture<Result<qint64>> HeldSalesService::recordVoid(qint64 shopId, const QString &till,
                                                     const OpenSale &sale, qint64 total) const
{
    return onDatabase([actor = m_actor, shopId, till, sale, total](const QSqlDatabase &db) {
        return HeldSaleStore(db).recordVoid(actor, shopId, till, sale, total);
    });
}

QFuture<Result<QList<VoidedSale>>> HeldSalesService::voided(qint64 shopId,
                                                            const QDateTime &since) const
{
    return onDatabase([actor = m_actor, shopId, since](const QSqlDatabase &db) {
        return HeldSaleStore(db).voided(actor, shopId, since);
    });
}

} // namespace shopdesk
