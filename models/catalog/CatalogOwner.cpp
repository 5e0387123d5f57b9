#include "CatalogOwner.h"

#include "models/settings/AppStateStore.h"

namespace shopdesk {

Result<bool> CatalogOwner::isHeadOffice(const QSqlDatabase &db)
{
    auto token = AppStateStore(db).value(QString::fromLatin1(AppStateStore::kCentralToken));
    if (!token)
        return token.error();
    return !token.value().isEmpty();
}

std::optional<StoreError> CatalogOwner::refuseLocalChange(const QSqlDatabase &db)
{
    auto owned = isHeadOffice(db);
    if (!owned)
        return owned.error();
    if (!owned.value())
        return std::nullopt;
    return StoreError::conflict(
        tr("The head office manages this shop's catalog: products, prices, categories and VAT "
           "rates are changed there and reach the shop with the next sync."));
}

} // namespace shopdesk
