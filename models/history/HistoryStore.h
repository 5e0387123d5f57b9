#pragma once

#include "HistoryFilter.h"
#include "models/core/Actor.h"
#include "models/core/Permissions.h"
#include "models/core/Result.h"
#include "models/export/CsvExport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// One recorded action, with the names a person reads.
struct HistoryEntry
{
    qint64 id = 0;
    QDateTime at;
    qint64 shopId = 0;
    QString shopName;
    qint64 productId = 0;
    QString plu;
    QString productName;
    QString action;
    int shelfDelta = 0;
    int orderDelta = 0;
    int shelfAfter = 0;
    int orderAfter = 0;
    qint64 staffId = 0;
    QString staffName;
    qint64 approvedBy = 0;
    QString approverName;
    qint64 orderId = 0;
    QString orderNumber;
    QString reason;
    HistoryCursor cursor; // this row's place in the order
    bool soldByWeight = false; // the product's quantities are grams

    int shelfBefore() const { return shelfAfter - shelfDelta; }
    int orderBefore() const { return orderAfter - orderDelta; }
};

struct HistoryRows
{
    QList<HistoryEntry> entries;
    // Where the next page starts; empty on the last page.
    std::optional<HistoryCursor> next;
};

// The action history (seed 000: GET /history), newest first. Pages are
// keyset-paged on (time, id): a page costs the same at any depth, and rows
// written meanwhile never shift the pages that follow.
class HistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(HistoryStore)
public:
    static constexpr int kMaxPageSize = 1000;

    // Every read is checked against the reader's ViewHistory permission (a
    // refusal returns a Permission error and reads nothing).
    HistoryStore(QSqlDatabase db, const Actor &reader) : m_db(std::move(db)), m_reader(reader) { }

    // The page after `after` (the first page without it).
    Result<HistoryRows> page(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                             int limit) const;
    // The page at a row offset (REST `page=`; slower deep down).
    Result<HistoryRows> pageAt(const HistoryFilter &filter, qint64 offset, int limit) const;
    // The number of matching rows, counting no further than `cap`: a result
    // above `cap` means "more than cap".
    Result<qint64> countUpTo(const HistoryFilter &filter, qint64 cap) const;
    Result<std::optional<HistoryEntry>> byId(qint64 id) const;

    // The SELECT of every matching row in page order (for streaming exports),
    // and a row of it as an entry.
    Result<QString> exportSql(const HistoryFilter &filter, QVariantList *values) const;
    // The filter's rows, newest first, as the History page's CSV export
    // writes them (the caller sets the database and the path).
    static Result<CsvExport::Job> exportJob(const Actor &reader, const HistoryFilter &filter);
    static HistoryEntry entryFromQuery(const class QSqlQuery &q);

private:
    Result<HistoryRows> fetch(const QString &sql, const QVariantList &values, int limit) const;

    std::optional<StoreError> refused() const;

    QSqlDatabase m_db;
    Actor m_reader;
};

} // namespace shopdesk
