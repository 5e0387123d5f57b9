#include "LabelsService.h"

#include "models/core/DatabaseTask.h"

#include <algorithm>

namespace shopdesk {

QFuture<Result<QList<QueuedLabel>>> LabelsService::waiting(int limit) const
{
    return onDatabase([shop = m_actor.shopId, limit](const QSqlDatabase &db) {
        return LabelQueueStore(db).waiting(shop, limit);
    });
}

QFuture<Result<int>> LabelsService::request(const QList<qint64> &productIds) const
{
    return onDatabase([actor = m_actor, productIds](const QSqlDatabase &db) {
        return LabelQueueStore(db).request(actor, productIds);
    });
}

QFuture<Result<int>> LabelsService::markPrinted(const QList<QueuedLabel> &printed) const
{
    return onDatabase([actor = m_actor, printed](const QSqlDatabase &db) {
        return LabelQueueStore(db).markPrinted(actor, printed);
    });
}

QFuture<Result<QList<StockRow>>> LabelsService::stockRows(const StockFilter &filter,
                                                          const StockOrder &order, int limit) const
{
    return onDatabase([filter, order, limit](const QSqlDatabase &db) {
        return StockStore(db).list(filter, order, 0, std::clamp(limit, 1, kMaxFilteredLabels));
    });
}

} // namespace shopdesk
