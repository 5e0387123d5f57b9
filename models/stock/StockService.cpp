#include "StockService.h"

#include "models/catalog/Ean13.h"
#include "models/catalog/ProductStore.h"
#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<StockRow>> StockService::create(const QString &plu, qint64 shopId, int shelfQty,
                                               int orderQty) const
{
    return onDatabase([actor = m_actor, plu, shopId, shelfQty, orderQty](const QSqlDatabase &db) {
        return StockStore(db).create(actor, plu, shopId, shelfQty, orderQty);
    });
}

QFuture<Result<StockRow>> StockService::increase(const StockAdjustment &adjustment) const
{
    return onDatabase([actor = m_actor, adjustment](const QSqlDatabase &db) {
        return StockStore(db).increase(actor, adjustment);
    });
}

QFuture<Result<StockRow>> StockService::decrease(const StockAdjustment &adjustment) const
{
    return onDatabase([actor = m_actor, adjustment](const QSqlDatabase &db) {
        return StockStore(db).decrease(actor, adjustment);
    });
}

QFuture<Result<QList<StockRow>>> StockService::inEveryShop(const QString &plu) const
{
    return onDatabase([plu](const QSqlDatabase &db) {
        StockFilter filter;
        filter.plu = plu;
        return StockStore(db).list(filter, StockOrder {StockSort::Shop, false}, 0, kMaxShopsShown);
    });
}

QFuture<Result<OpenStocktake>> StockService::openStocktake(qint64 shopId) const
{
    return onDatabase([actor = m_actor, shopId](const QSqlDatabase &db) -> Result<OpenStocktake> {
        StocktakeStore store(db);
        auto open = store.openFor(shopId);
        if (!open)
            return open.error();
        OpenStocktake count;
        count.id = open.value().value_or(0);
        if (!count.id) {
            auto started = store.start(actor, shopId);
            if (!started)
                return started.error();
            count.id = started.value();
        }
        auto lines = store.lines(count.id);
        if (!lines)
            return lines.error();
        count.lines = lines.value();
        return count;
    });
}

QFuture<Result<QList<StocktakeLine>>>
StockService::countInStocktake(qint64 stocktakeId, const QString &code, int countedQty,
                               StocktakeStore::CountMode mode) const
{
    return onDatabase([actor = m_actor, stocktakeId, code, countedQty,
                       mode](const QSqlDatabase &db) -> Result<QList<StocktakeLine>> {
        // A scanned barcode counts its product; anything else is taken as a PLU.
        QString plu = code;
        if (Ean13::isValidGtin(code)) {
            auto product = ProductStore(db).byBarcode(code);
            if (!product)
                return product.error();
            if (product.value())
                plu = product.value()->plu;
        }
        StocktakeStore store(db);
        auto line = store.count(actor, stocktakeId, plu, countedQty, mode);
        if (!line)
            return line.error();
        return store.lines(stocktakeId);
    });
}

QFuture<Result<QList<StocktakeVarianceLine>>>
StockService::stocktakeVariance(qint64 stocktakeId) const
{
    return onDatabase(
        [stocktakeId](const QSqlDatabase &db) { return StocktakeStore(db).variance(stocktakeId); });
}

QFuture<Result<StocktakeSummary>> StockService::commitStocktake(qint64 stocktakeId) const
{
    return onDatabase([actor = m_actor, stocktakeId](const QSqlDatabase &db) {
        return StocktakeStore(db).commit(actor, stocktakeId);
    });
}

QFuture<Result<void>> StockService::cancelStocktake(qint64 stocktakeId) const
{
    return onDatabase([actor = m_actor, stocktakeId](const QSqlDatabase &db) {
        return StocktakeStore(db).cancel(actor, stocktakeId);
    });
}

} // namespace shopdesk
