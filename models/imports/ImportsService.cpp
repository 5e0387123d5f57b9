#include "ImportsService.h"

#include "models/catalog/CatalogOwner.h"
#include "models/core/DatabaseTask.h"

#include <QtConcurrent>

namespace shopdesk {

QFuture<Result<QStringList>> ImportsService::firstRow(const QString &path) const
{
    return QtConcurrent::run([path] { return PriceListImportStore::firstRow(path); });
}

QFuture<Result<std::optional<PriceListMapping>>>
ImportsService::savedMapping(qint64 supplierId) const
{
    return onDatabase([supplierId](const QSqlDatabase &db) {
        return PriceListImportStore(db).savedMapping(supplierId);
    });
}

QFuture<Result<QList<PriceListRow>>>
ImportsService::previewPriceList(qint64 supplierId, const QString &path,
                                 const PriceListMapping &mapping, int limit) const
{
    return onDatabase([actor = m_actor, supplierId, path, mapping, limit](const QSqlDatabase &db) {
        return PriceListImportStore(db).preview(actor, supplierId, path, mapping, limit);
    });
}

QFuture<Result<PriceListOutcome>> ImportsService::applyPriceList(
    qint64 supplierId, const QString &path, const PriceListMapping &mapping,
    std::shared_ptr<std::atomic_bool> cancelled, PriceListImportStore::Progress progress,
    const QString &refusedCsvPath) const
{
    return changeLocalCatalog([actor = m_actor, supplierId, path, mapping, cancelled, progress,
                               refusedCsvPath](const QSqlDatabase &db) {
        return PriceListImportStore(db).apply(actor, supplierId, path, mapping, cancelled.get(),
                                              progress, refusedCsvPath);
    });
}

} // namespace shopdesk
