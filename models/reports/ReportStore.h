#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/history/HistoryFilter.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>

namespace shopdesk {

// Goods sold by the piece count in pieces; goods sold by weight in grams,
// apart (never added to pieces), and read in kilograms.
struct DayMovement
{
    QDate day; // in the filter's time zone
    qint64 in = 0; // pieces that came into the shop (deliveries, returns, found)
    qint64 out = 0; // pieces that left it (sales, write-offs, shortfalls)
    qint64 inGrams = 0; // the same for goods sold by weight
    qint64 outGrams = 0;
};

struct ProductUnits
{
    QString plu;
    QString name;
    qint64 units = 0; // grams when sold by weight
    bool soldByWeight = false;
    qint64 value = 0; // what was sold is worth at today's price, minor units
};

struct ShopValue
{
    qint64 shopId = 0;
    QString shopName;
    qint64 units = 0; // pieces
    qint64 grams = 0; // goods sold by weight
    qint64 value = 0; // minor units, at today's prices (per kg for weighed goods)
    // At the shop's cost (the moving average of what was paid, issue 18),
    // over the stocks that have one; `uncosted` counts the stocks with goods
    // and no cost yet (never received through a goods receipt), whose retail
    // value is `uncostedValue`.
    qint64 costValue = 0;
    qint64 uncosted = 0;
    qint64 uncostedValue = 0;
    // What the costed goods would bring over their cost at today's prices.
    qint64 margin() const { return value - uncostedValue - costValue; }
};

// The same per top-level category (categoryId 0, name empty: products in
// no category).
struct CategoryValue
{
    qint64 categoryId = 0;
    QString name;
    qint64 units = 0;
    qint64 grams = 0;
    qint64 value = 0;
    qint64 costValue = 0;
    qint64 uncosted = 0;
    qint64 uncostedValue = 0;
    qint64 margin() const { return value - uncostedValue - costValue; }
};

// The managers' reports, computed in PostgreSQL over the history filters.
// A unit moved between shelf and order (a reservation) neither comes in nor
// goes out: only the change of shelf + order counts.
class ReportStore
{
public:
    // Every report is checked against the reader's ViewHistory permission.
    ReportStore(QSqlDatabase db, const Actor &reader) : m_db(std::move(db)), m_reader(reader) { }

    // Per day of the filter's range (every day present, zero when quiet);
    // without a full date range, the days that have movements.
    Result<QList<DayMovement>> movementsPerDay(const HistoryFilter &filter) const;
    // Pieces sold in each hour of the day (24 values, local time).
    Result<QList<qint64>> salesByHour(const HistoryFilter &filter) const;
    // Grams of goods sold by weight in each hour of the day.
    Result<QList<qint64>> weighedSalesByHour(const HistoryFilter &filter) const;
    // The products whose sales are worth most at today's prices.
    Result<QList<ProductUnits>> topProducts(const HistoryFilter &filter, int limit) const;
    // Current stock value per shop (the shop and PLU filters apply).
    Result<QList<ShopValue>> stockValueByShop(const HistoryFilter &filter) const;
    // Current stock value per top-level category (the shop and PLU filters
    // apply), at retail and at cost.
    Result<QList<CategoryValue>> stockValueByCategory(const HistoryFilter &filter) const;

private:
    Result<QList<qint64>> hourly(const HistoryFilter &filter, bool weighed) const;

    QSqlDatabase m_db;
    Actor m_reader;
};

} // namespace shopdesk
