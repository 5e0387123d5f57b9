#include "ShopService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<QList<Shop>>> ShopService::list() const
{
    return onDatabase([](const QSqlDatabase &db) { return ShopStore(db).list(); });
}

} // namespace shopdesk
