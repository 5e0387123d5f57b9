#pragma once

#include "PriceListImport.h"
#include "PriceListMapping.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace shopdesk {

// Imports a supplier's price list (CSV or XLSX, read by TableReader) into the
// catalog. The file's rows are streamed into a temporary table of this
// session a few thousand at a time (one statement per batch, through arrays),
// and matched and checked there set-based, so memory stays flat however long
// the file is. A row is matched by its PLU, or by its barcode when it has no
// PLU. It is refused, naming its row and field, for: a price that is
// unreadable, zero or negative; a barcode with a wrong check digit or one
// that is another product's; a PLU or barcode met earlier in the file; an
// archived product; an unknown category path (categories are never made
// here); a new product without name or retail price. A refused row never
// stops the others.
//
// apply() writes everything in one transaction, or nothing (a cancel, a bad
// file, any failure): new products (with their category), retail prices
// with their history ("Price list of <supplier>, <file>"), product changes
// and shelf labels as a price document writes them, the supplier's purchase
// prices, and the mapping, kept for the supplier's next file. A product's
// category and barcodes are left as they are on an update.
//
// Files are read here: call it on a pool thread (ImportsService does).
class PriceListImportStore
{
    Q_DECLARE_TR_FUNCTIONS(PriceListImportStore)
public:
    // Rows per statement while staging the file.
    static constexpr int kBatch = 5000;
    // Refused rows an outcome holds (the rest are only in the CSV file).
    static constexpr int kRefusedKept = 1000;

    using Progress = std::function<void(int rowsRead)>;

    explicit PriceListImportStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // The first `limit` rows after the header with what applying would do to
    // each; writes nothing.
    Result<QList<PriceListRow>> preview(const Actor &actor, qint64 supplierId, const QString &path,
                                        const PriceListMapping &mapping, int limit);
    // Imports the whole file; its counts and the first kRefusedKept refused
    // rows. Every refused row, with its reason, goes to `refusedCsvPath` when
    // given (refusedCsv's format, written a page at a time, so memory does not
    // grow with them). Refused, writing nothing: no permission, a catalog the
    // head office owns, an unknown supplier ("supplier"), a bad mapping
    // (PriceListMapping::check), a file that cannot be read (TableReader's
    // error naming the row), a cancel (StoreError::cancelled).
    Result<PriceListOutcome> apply(const Actor &actor, qint64 supplierId, const QString &path,
                                   const PriceListMapping &mapping,
                                   const std::atomic_bool *cancelled = nullptr,
                                   const Progress &progress = {},
                                   const QString &refusedCsvPath = {});

    // The mapping kept for the supplier by its last import, if any.
    Result<std::optional<PriceListMapping>> savedMapping(qint64 supplierId) const;
    // The file's first row (the header, when it has one), to choose columns.
    static Result<QStringList> firstRow(const QString &path);

    // The refused rows as CSV (row, PLU, barcode, name, field, reason), with
    // a header row.
    static QByteArray refusedCsv(const QList<PriceListRow> &rows);

private:
    // Checks, opens a transaction's temporary tables and stages up to
    // `limit` rows (0: all); the supplier's name.
    Result<QString> stage(const Actor &actor, qint64 supplierId, const QString &path,
                          const PriceListMapping &mapping, int limit,
                          const std::atomic_bool *cancelled, const Progress &progress);
    Result<void> resolve(qint64 supplierId);
    // Up to `limit` rows (0: all) matching `where`, after row `afterRow`.
    Result<QList<PriceListRow>> rows(const QString &where, int limit, int afterRow = 0) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk
