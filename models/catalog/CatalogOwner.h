#pragma once

#include "models/core/DatabaseTask.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// Who changes the catalog (products, prices, barcodes, categories, VAT
// rates) of this database. A shop linked to a head office (it keeps central's
// token) receives its catalog through the feed and changes none of it: an
// edit here would differ from central until the feed overwrote it. A
// standalone shop changes its own, and so does central's database.
// The desktop's services ask before every catalog change; the feed and
// central's REST API write through the stores, under the head office's rule.
class CatalogOwner
{
    Q_DECLARE_TR_FUNCTIONS(CatalogOwner)
public:
    // Whether the head office owns this database's catalog.
    static Result<bool> isHeadOffice(const QSqlDatabase &db);
    // A Conflict saying where the catalog is changed, or nothing when it may
    // be changed here.
    static std::optional<StoreError> refuseLocalChange(const QSqlDatabase &db);
};

// Runs the catalog change `change(db)` on a pool thread as onDatabase does,
// once CatalogOwner says the catalog may be changed here.
template<typename Change>
auto changeLocalCatalog(Change change)
{
    return onDatabase(
        [change = std::move(change)](const QSqlDatabase &db) mutable -> decltype(change(db)) {
            if (auto refused = CatalogOwner::refuseLocalChange(db))
                return *refused;
            return change(db);
        });
}

} // namespace shopdesk
