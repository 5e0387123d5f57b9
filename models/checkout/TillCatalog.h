#pragma once

#include "models/catalog/ProductStore.h"
#include "models/core/Result.h"

#include <QFuture>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// What a code scanned at the till stands for.
struct ScannedProduct
{
    std::optional<Product> product; // none: no product has this code
    int grams = 0; // what a scale's label weighed (its weight, or its price / price per kg)
};

// The catalog as the till looks things up in it, off the GUI thread: a
// scanned code (a barcode, a scale's label or a PLU) or words of a name.
class TillCatalog
{
public:
    QFuture<Result<ScannedProduct>> lookUp(const QString &code) const;
    QFuture<Result<QList<Product>>> findByName(const QString &words, int limit) const;

    // What lookUp runs: an EAN-13 is a barcode first, then a scale's label
    // (EAN-13 "2P CCCCC VVVVV K", a product sold by weight); anything else,
    // or an unknown barcode, a PLU.
    static Result<ScannedProduct> find(const QSqlDatabase &db, const QString &code);
};

} // namespace shopdesk
