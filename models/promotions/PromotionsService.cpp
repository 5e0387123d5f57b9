#include "PromotionsService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<QList<PromoCode>>> PromotionsService::list() const
{
    return onDatabase([](const QSqlDatabase &db) { return PromoStore(db).list(); });
}

QFuture<Result<PromoCode>> PromotionsService::save(const PromoCodeInput &input) const
{
    return onDatabase([actor = m_actor, input](const QSqlDatabase &db) {
        return PromoStore(db).save(actor, input);
    });
}

QFuture<Result<PromoCode>> PromotionsService::deactivate(qint64 id) const
{
    return onDatabase([actor = m_actor, id](const QSqlDatabase &db) {
        return PromoStore(db).deactivate(actor, id);
    });
}

QFuture<Result<QList<PromoUsage>>> PromotionsService::usage(const QDateTime &from,
                                                            const QDateTime &until) const
{
    return onDatabase([actor = m_actor, from, until](const QSqlDatabase &db) {
        return PromoStore(db).usage(actor, from, until);
    });
}

} // namespace shopdesk
