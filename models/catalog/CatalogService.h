#pragma once

#include "CategoryStore.h"
#include "PriceStore.h"
#include "ProductStore.h"
#include "VatRateStore.h"

#include <QFuture>

namespace shopdesk {

// Products for the pages and dialogs: each call runs ProductStore on a pool
// thread's own connection and answers through its future (see whenReady).
class CatalogService
{
public:
    explicit CatalogService(Actor actor = {}) : m_actor(std::move(actor)) { }

    // Whether the head office owns this database's catalog (CatalogOwner):
    // then every change below is refused, and the dialogs show it read-only.
    QFuture<Result<bool>> catalogIsHeadOffices() const;

    QFuture<Result<Product>> create(const NewProduct &product) const;
    QFuture<Result<Product>> update(const ProductEdit &edit) const;
    QFuture<Result<PriceEntry>> schedulePrice(const ScheduledPrice &price) const;
    QFuture<Result<PriceEntry>> cancelScheduledPrice(const QString &plu, const QDateTime &validFrom,
                                                     const QString &reason) const;
    QFuture<Result<QList<PriceEntry>>> prices(const QString &plu) const;
    QFuture<Result<QList<ProductChange>>> changes(const QString &plu) const;
    QFuture<Result<std::optional<Product>>> byPlu(const QString &plu) const;
    // What a scanned or typed code names: a valid EAN/GTIN its barcode's
    // product, anything else a PLU (as the stocktake reads codes).
    QFuture<Result<std::optional<Product>>> byCode(const QString &code) const;
    QFuture<Result<std::optional<Product>>> byBarcode(const QString &barcode) const;
    QFuture<Result<QList<Product>>> findByName(const QString &words, int limit) const;

    // The VAT rates list (VatRateStore): the product dialogs' choices and
    // the Settings page's VAT rates dialog.
    QFuture<Result<QList<VatRate>>> vatRates() const;
    QFuture<Result<VatRate>> addVatRate(const VatRateInput &rate) const;
    QFuture<Result<VatRate>> updateVatRate(const VatRateInput &rate) const;
    QFuture<Result<void>> removeVatRate(const QString &code) const;

    // The categories tree (CategoryStore): the Stock page's tree and the
    // product dialogs' choice.
    QFuture<Result<QList<Category>>> categories() const;
    QFuture<Result<Category>> createCategory(qint64 parentId, const QString &name) const;
    QFuture<Result<Category>> renameCategory(qint64 id, const QString &name) const;
    QFuture<Result<Category>> moveCategory(qint64 id, qint64 parentId) const;
    QFuture<Result<void>> removeCategory(qint64 id, bool moveContentsUp) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
