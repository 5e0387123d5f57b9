#pragma once

#include "StockStore.h"
#include "StocktakeStore.h"

#include <QFuture>

namespace shopdesk {

// The Stock page's and its dialogs' way to the stock: each call runs the
// stores on a pool thread's own connection, as `actor`, and answers through
// its future (see whenReady).
class StockService
{
public:
    // A product card lists a chain's shops; more than this is not a card.
    static constexpr int kMaxShopsShown = 1000;

    explicit StockService(Actor actor) : m_actor(std::move(actor)) { }

    QFuture<Result<StockRow>> create(const QString &plu, qint64 shopId, int shelfQty,
                                     int orderQty) const;
    QFuture<Result<StockRow>> increase(const StockAdjustment &adjustment) const;
    QFuture<Result<StockRow>> decrease(const StockAdjustment &adjustment) const;
    // The product's stock in every shop this database has (one in a shop's
    // own database, all of them in central's), by shop name.
    QFuture<Result<QList<StockRow>>> inEveryShop(const QString &plu) const;

    // The shop's open stocktake, opened now if there is none, with its lines.
    QFuture<Result<OpenStocktake>> openStocktake(qint64 shopId) const;
    // Records what was counted of the product with that PLU or barcode (added
    // to its line, or replacing it); answers with every line of the count.
    QFuture<Result<QList<StocktakeLine>>>
    countInStocktake(qint64 stocktakeId, const QString &code, int countedQty,
                     StocktakeStore::CountMode mode = StocktakeStore::CountMode::Add) const;
    // The variance sheet of the count (expected, counted, difference, value).
    QFuture<Result<QList<StocktakeVarianceLine>>> stocktakeVariance(qint64 stocktakeId) const;
    QFuture<Result<StocktakeSummary>> commitStocktake(qint64 stocktakeId) const;
    QFuture<Result<void>> cancelStocktake(qint64 stocktakeId) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
