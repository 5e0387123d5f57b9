#include "CatalogService.h"

#include "CatalogOwner.h"
#include "Ean13.h"
#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<bool>> CatalogService::catalogIsHeadOffices() const
{
    return onDatabase([](const QSqlDatabase &db) { return CatalogOwner::isHeadOffice(db); });
}

QFuture<Result<Product>> CatalogService::create(const NewProduct &product) const
{
    return changeLocalCatalog([actor = m_actor, product](const QSqlDatabase &db) {
        return ProductStore(db).create(actor, product);
    });
}

QFuture<Result<Product>> CatalogService::update(const ProductEdit &edit) const
{
    return changeLocalCatalog([actor = m_actor, edit](const QSqlDatabase &db) {
        return ProductStore(db).update(actor, edit);
    });
}

QFuture<Result<PriceEntry>> CatalogService::schedulePrice(const ScheduledPrice &price) const
{
    return changeLocalCatalog([actor = m_actor, price](const QSqlDatabase &db) {
        return PriceStore(db).schedule(actor, price);
    });
}

QFuture<Result<PriceEntry>> CatalogService::cancelScheduledPrice(const QString &plu,
                                                                 const QDateTime &validFrom,
                                                                 const QString &reason) const
{
    return changeLocalCatalog([actor = m_actor, plu, validFrom, reason](const QSqlDatabase &db) {
        return PriceStore(db).cancelScheduled(actor, plu, validFrom, reason);
    });
}

QFuture<Result<QList<PriceEntry>>> CatalogService::prices(const QString &plu) const
{
    return onDatabase([plu](const QSqlDatabase &db) { return PriceStore(db).list(plu); });
}

QFuture<Result<QList<ProductChange>>> CatalogService::changes(const QString &plu) const
{
    return onDatabase([plu](const QSqlDatabase &db) { return ProductStore(db).changes(plu); });
}

QFuture<Result<std::optional<Product>>> CatalogService::byPlu(const QString &plu) const
{
    return onDatabase([plu](const QSqlDatabase &db) { return ProductStore(db).byPlu(plu); });
}

QFuture<Result<std::optional<Product>>> CatalogService::byCode(const QString &code) const
{
    return onDatabase([code](const QSqlDatabase &db) {
        const ProductStore products(db);
        return Ean13::isValidGtin(code) ? products.byBarcode(code) : products.byPlu(code);
    });
}

QFuture<Result<std::optional<Product>>> CatalogService::byBarcode(const QString &barcode) const
{
    return onDatabase(
        [barcode](const QSqlDatabase &db) { return ProductStore(db).byBarcode(barcode); });
}

QFuture<Result<QList<Product>>> CatalogService::findByName(const QString &words, int limit) const
{
    return onDatabase([words, limit](const QSqlDatabase &db) {
        return ProductStore(db).findByName(words, limit);
    });
}

QFuture<Result<QList<VatRate>>> CatalogService::vatRates() const
{
    return onDatabase([](const QSqlDatabase &db) { return VatRateStore(db).list(); });
}

QFuture<Result<VatRate>> CatalogService::addVatRate(const VatRateInput &rate) const
{
    return changeLocalCatalog([actor = m_actor, rate](const QSqlDatabase &db) {
        return VatRateStore(db).add(actor, rate);
    });
}

QFuture<Result<VatRate>> CatalogService::updateVatRate(const VatRateInput &rate) const
{
    return changeLocalCatalog([actor = m_actor, rate](const QSqlDatabase &db) {
        return VatRateStore(db).update(actor, rate);
    });
}

QFuture<Result<void>> CatalogService::removeVatRate(const QString &code) const
{
    return changeLocalCatalog([actor = m_actor, code](const QSqlDatabase &db) {
        return VatRateStore(db).remove(actor, code);
    });
}

QFuture<Result<QList<Category>>> CatalogService::categories() const
{
    return onDatabase([](const QSqlDatabase &db) { return CategoryStore(db).list(); });
}

QFuture<Result<Category>> CatalogService::createCategory(qint64 parentId, const QString &name) const
{
    return changeLocalCatalog([actor = m_actor, parentId, name](const QSqlDatabase &db) {
        return CategoryStore(db).create(actor, parentId, name);
    });
}

QFuture<Result<Category>> CatalogService::renameCategory(qint64 id, const QString &name) const
{
    return changeLocalCatalog([actor = m_actor, id, name](const QSqlDatabase &db) {
        return CategoryStore(db).rename(actor, id, name);
    });
}

QFuture<Result<Category>> CatalogService::moveCategory(qint64 id, qint64 parentId) const
{
    return changeLocalCatalog([actor = m_actor, id, parentId](const QSqlDatabase &db) {
        return CategoryStore(db).move(actor, id, parentId);
    });
}

QFuture<Result<void>> CatalogService::removeCategory(qint64 id, bool moveContentsUp) const
{
    return changeLocalCatalog([actor = m_actor, id, moveContentsUp](const QSqlDatabase &db) {
        return CategoryStore(db).remove(actor, id, moveContentsUp);
    });
}

} // namespace shopdesk
