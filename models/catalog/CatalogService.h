#pragma once

#include "ProductStore.h"

#include <QFuture>

namespace shopdesk {

// Products for the pages and dialogs: each call runs ProductStore on a pool
// thread's own connection and answers through its future (see whenReady).
class CatalogService
{
public:
    explicit CatalogService(Actor actor = {}) : m_actor(std::move(actor)) { }

    QFuture<Result<Product>> create(const NewProduct &product) const;
    QFuture<Result<std::optional<Product>>> byPlu(const QString &plu) const;
    QFuture<Result<std::optional<Product>>> byBarcode(const QString &barcode) const;
    QFuture<Result<QList<Product>>> findByName(const QString &words, int limit) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
