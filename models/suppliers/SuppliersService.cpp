#include "SuppliersService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<QList<Supplier>>> SuppliersService::suppliers(bool withArchived) const
{
    return onDatabase(
        [withArchived](const QSqlDatabase &db) { return SupplierStore(db).list(withArchived); });
}

QFuture<Result<Supplier>> SuppliersService::create(const Supplier &supplier) const
{
    return onDatabase([actor = m_actor, supplier](const QSqlDatabase &db) {
        return SupplierStore(db).create(actor, supplier);
    });
}

QFuture<Result<Supplier>> SuppliersService::update(const Supplier &supplier) const
{
    return onDatabase([actor = m_actor, supplier](const QSqlDatabase &db) {
        return SupplierStore(db).update(actor, supplier);
    });
}

} // namespace shopdesk
