#include "HistoryService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<HistoryChoices>> HistoryService::filterChoices() const
{
    return onDatabase([](const QSqlDatabase &db) -> Result<HistoryChoices> {
        auto shops = ShopStore(db).list();
        if (!shops)
            return shops.error();
        auto staff = StaffStore(db).names();
        if (!staff)
            return staff.error();
        return HistoryChoices {shops.value(), staff.value()};
    });
}

} // namespace shopdesk
