#include "TillCatalog.h"

#include "WeightBarcode.h"
#include "models/catalog/Ean13.h"
#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<ScannedProduct>> TillCatalog::lookUp(const QString &code) const
{
    return onDatabase([code](const QSqlDatabase &db) { return find(db, code); });
}

QFuture<Result<QList<Product>>> TillCatalog::findByName(const QString &words, int limit) const
{
    return onDatabase([words, limit](const QSqlDatabase &db) {
        return ProductStore(db).findByName(words, limit);
    });
}

Result<ScannedProduct> TillCatalog::find(const QSqlDatabase &db, const QString &code)
{
    ProductStore products(db);
    if (Ean13::isValidGtin(code)) {
        auto byBarcode = products.byBarcode(code);
        if (!byBarcode)
            return byBarcode.error();
        if (byBarcode.value())
            return ScannedProduct {byBarcode.value(), 0};
        if (const auto label = WeightBarcode::decode(code)) {
            auto weighed = products.byPlu(label->plu);
            if (!weighed)
                return weighed.error();
            if (!weighed.value() || !weighed.value()->soldByWeight)
                return ScannedProduct {};
            const int grams = label->grams > 0
                ? label->grams
                : WeightBarcode::gramsForPrice(label->price, weighed.value()->price);
            return ScannedProduct {weighed.value(), grams};
        }
    }
    auto byPlu = products.byPlu(code);
    if (!byPlu)
        return byPlu.error();
    return ScannedProduct {byPlu.value(), 0};
}

} // namespace shopdesk
