#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/history/HistoryFilter.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>

namespace shopdesk {

struct DayMovement
{
    QDate day; // in the filter's time zone
    qint64 in = 0; // units that came into the shop (deliveries, returns, found)
    qint64 out = 0; // units that left it (sales, write-offs, shortfalls)
};

struct ProductUnits
{
    QString plu;
    QString name;
    qint64 units = 0;
};

struct ShopValue
{
    qint64 shopId = 0;
    QString shopName;
    qint64 units = 0;
    qint64 value = 0; // minor units, at today's prices
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
    // Units sold in each hour of the day (24 values, local time).
    Result<QList<qint64>> salesByHour(const HistoryFilter &filter) const;
    Result<QList<ProductUnits>> topProducts(const HistoryFilter &filter, int limit) const;
    // Current stock value per shop (the shop and PLU filters apply).
    Result<QList<ShopValue>> stockValueByShop(const HistoryFilter &filter) const;

private:
    QSqlDatabase m_db;
    Actor m_reader;
};

} // namespace shopdesk
