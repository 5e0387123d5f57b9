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

QFuture<Result<QList<HistoryEntry>>> HistoryService::newest(const HistoryFilter &filter,
                                                            int limit) const
{
    return onDatabase(
        [reader = m_reader, filter, limit](const QSqlDatabase &db) -> Result<QList<HistoryEntry>> {
            auto rows = HistoryStore(db, reader).page(filter, std::nullopt, limit);
            if (!rows)
                return rows.error();
            return rows.value().entries;
        });
}

} // namespace shopdesk
