#pragma once

#include "ReportStore.h"

#include <QFuture>

namespace shopdesk {

// Every report the Reports page shows, over one filter.
struct ReportData
{
    QList<DayMovement> movements;
    QList<qint64> salesByHour; // pieces
    QList<qint64> weighedSalesByHour; // grams
    QList<ProductUnits> topProducts;
    QList<ShopValue> stockValue;
    QList<CategoryValue> categoryValue;
};

// The Reports page's way to the reports: worked out by ReportStore on a pool
// thread's own connection, for `reader`, and answered through a future (see
// whenReady).
class ReportsService
{
public:
    static constexpr int kTopProducts = 10;

    explicit ReportsService(Actor reader) : m_reader(std::move(reader)) { }

    QFuture<Result<ReportData>> all(const HistoryFilter &filter) const;

private:
    Actor m_reader;
};

} // namespace shopdesk
