#pragma once

#include "StocktakeVariance.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

struct StocktakeLine
{
    QString plu;
    QString name;
    int countedQty = 0;
    int expectedQty = 0; // what the system held when the line was counted
    QDateTime countedAt;
    int shelfNow = 0; // the shelf quantity now (sales since the count included)
    bool soldByWeight = false; // the quantities are grams
};

// A shop's open count and what has been counted so far.
struct OpenStocktake
{
    qint64 id = 0;
    QList<StocktakeLine> lines;
};

struct StocktakeSummary
{
    int lines = 0; // lines counted
    int corrected = 0; // lines whose quantity changed
    qint64 netChange = 0;
};

// A stocktake while the shop stays open. Each counted line remembers the
// shelf quantity at the moment of counting; on commit the correction
// (counted - expected) is added to the quantity as it is then, so sales and
// adjustments made during the count are kept, not overwritten.
class StocktakeStore
{
    Q_DECLARE_TR_FUNCTIONS(StocktakeStore)
public:
    explicit StocktakeStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Opens a count for the shop; one open count per shop at a time.
    Result<qint64> start(const Actor &actor, qint64 shopId);
    // The shop's open count, if any.
    Result<std::optional<qint64>> openFor(qint64 shopId) const;
    // Add: what was counted now joins what the line already has (the same
    // product found on another shelf, scanned again); the line keeps the
    // system's quantity from its first count. Replace: the line is counted
    // afresh (a correction), against the system's quantity now.
    enum class CountMode { Add, Replace };
    // Records the counted quantity of a product.
    Result<StocktakeLine> count(const Actor &actor, qint64 stocktakeId, const QString &plu,
                                int countedQty, CountMode mode = CountMode::Add);
    Result<QList<StocktakeLine>> lines(qint64 stocktakeId) const;
    // The variance sheet: every counted line against the system's quantity
    // at its count, with today's price, by PLU.
    Result<QList<StocktakeVarianceLine>> variance(qint64 stocktakeId) const;
    // Applies every correction (history action "stocktake") and closes the count.
    Result<StocktakeSummary> commit(const Actor &actor, qint64 stocktakeId);
    // Closes the count without changing any stock.
    Result<void> cancel(const Actor &actor, qint64 stocktakeId);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
