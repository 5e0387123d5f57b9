#include "ReportsService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<ReportData>> ReportsService::all(const HistoryFilter &filter) const
{
    return onDatabase([reader = m_reader, filter](const QSqlDatabase &db) -> Result<ReportData> {
        const ReportStore store(db, reader);
        auto movements = store.movementsPerDay(filter);
        if (!movements)
            return movements.error();
        auto hours = store.salesByHour(filter);
        if (!hours)
            return hours.error();
        auto weighedHours = store.weighedSalesByHour(filter);
        if (!weighedHours)
            return weighedHours.error();
        auto top = store.topProducts(filter, kTopProducts);
        if (!top)
            return top.error();
        auto value = store.stockValueByShop(filter);
        if (!value)
            return value.error();
        auto categories = store.stockValueByCategory(filter);
        if (!categories)
            return categories.error();
        return ReportData {movements.value(), hours.value(), weighedHours.value(),
                           top.value(),       value.value(), categories.value()};
    });
}

} // namespace shopdesk
