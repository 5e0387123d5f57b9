#pragma once

#include "PriceListImportStore.h"

#include <QFuture>

#include <memory>

namespace shopdesk {

// Suppliers' price lists for the dialogs: each call reads the file and runs
// PriceListImportStore on a pool thread's own connection and answers through
// its future (see whenReady). Changes of the catalog are refused where the
// head office owns it (changeLocalCatalog).
class ImportsService
{
public:
    explicit ImportsService(Actor actor = {}) : m_actor(std::move(actor)) { }

    // The file's first row, to offer its columns.
    QFuture<Result<QStringList>> firstRow(const QString &path) const;
    QFuture<Result<std::optional<PriceListMapping>>> savedMapping(qint64 supplierId) const;
    QFuture<Result<QList<PriceListRow>>> previewPriceList(qint64 supplierId, const QString &path,
                                                          const PriceListMapping &mapping,
                                                          int limit) const;
    // `cancelled`, when given, stops the import (nothing written) once set;
    // `progress` is called on the pool thread with the rows read so far;
    // every refused row goes to `refusedCsvPath` when given.
    QFuture<Result<PriceListOutcome>>
    applyPriceList(qint64 supplierId, const QString &path, const PriceListMapping &mapping,
                   std::shared_ptr<std::atomic_bool> cancelled = {},
                   PriceListImportStore::Progress progress = {},
                   const QString &refusedCsvPath = {}) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
