#pragma once

#include "StockFilter.h"
#include "models/core/Actor.h"
#include "models/core/Permissions.h"
#include "models/core/Result.h"
#include "models/core/SqlRow.h"
#include "models/export/CsvExport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace shopdesk {

// One product's stock in one shop, as the stock list shows it.
struct StockRow
{
    qint64 id = 0;
    qint64 productId = 0;
    qint64 shopId = 0;
    QString plu;
    QString name;
    QString shopName;
    int shelfQty = 0; // on the shelf, free to sell
    int orderQty = 0; // held by open orders
    qint64 price = 0; // minor units; per kilogram when sold by weight
    QDateTime updatedAt;
    bool soldByWeight = false; // the quantities are grams
    QString barcode; // the product's EAN; empty when it has none
};

// Where each value sits in every SELECT list of stock rows.
enum class StockColumn {
    Id,
    ProductId,
    ShopId,
    Plu,
    Name,
    ShopName,
    ShelfQty,
    OrderQty,
    Price,
    UpdatedAt,
    SoldByWeight,
    Barcode,
    UpdatedAtText, // the list's alone: microseconds, for keyset paging
};

enum class StockQuantity { Shelf, Order };

struct StockAdjustment
{
    qint64 shopId = 0;
    QString plu;
    StockQuantity quantity = StockQuantity::Shelf;
    int amount = 0; // > 0
    QString reason;
};

// Stock per shop (seed 000: POST /stocks, PATCH /stocks/increase|decrease,
// GET /stocks). Every change is one statement: a conditional UPDATE that can
// never take a quantity below zero, its history row and its outbox event.
// Concurrent changes queue on the row lock, so none is lost.
class StockStore
{
    Q_DECLARE_TR_FUNCTIONS(StockStore)
public:
    static constexpr int kMaxAmount = 1'000'000;
    static constexpr int kMaxQuantity = 2'000'000'000;

    explicit StockStore(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<StockRow> create(const Actor &actor, const QString &plu, qint64 shopId, int shelfQty,
                            int orderQty);
    Result<StockRow> increase(const Actor &actor, const StockAdjustment &adjustment);
    // Refused (Conflict, nothing written) when there is less than `amount`;
    // the message says how many there are.
    Result<StockRow> decrease(const Actor &actor, const StockAdjustment &adjustment);

    // The general change behind increase, decrease, stocktake and orders:
    // signed deltas on both quantities, recorded as `action`.
    struct Change
    {
        qint64 shopId = 0;
        QString plu;
        int shelfDelta = 0;
        int orderDelta = 0;
        QString action;
        QString reason;
        qint64 orderId = 0; // 0: none
        qint64 approvedBy = 0; // 0: none
        qint64 documentId = 0; // the stock document that made it; 0: none
    };
    Result<StockRow> apply(const Actor &actor, const Change &change, Permission permission);
    // All of the changes or none, in one statement: an order's reservation,
    // a stocktake's corrections. Refused (nothing written) when any line does
    // not fit; the message names the first such line and what it has.
    // Each stock may appear once.
    Result<QList<StockRow>> applyAll(const Actor &actor, const QList<Change> &changes,
                                     Permission permission);
    // SQLSTATE raised by shopdesk_all_applied() when a batch did not fit.
    static constexpr char kNotAllAppliedState[] = "SD409";

    Result<std::optional<StockRow>> find(qint64 shopId, const QString &plu) const;
    Result<qint64> count(const StockFilter &filter) const;
    Result<QList<StockRow>> list(const StockFilter &filter, const StockOrder &order, qint64 offset,
                                 int limit) const;
    // REST GET /stocks, keyset-paged (any depth costs the same). The order
    // follows the filter so an index gives the rows already sorted: by shelf
    // quantity when a shop and a shelf range are asked for, by order quantity
    // for a shop and an order range, otherwise by stock id. The cursor is the
    // last row's (key, id).
    struct Keyset
    {
        enum class Key { Id, Shelf, Order };
        Key key = Key::Id;
        std::optional<std::pair<qint64, qint64>> after; // (key value, id)

        static Key keyFor(const StockFilter &filter);
        qint64 keyOf(const StockRow &row) const;
    };
    Result<QList<StockRow>> page(const StockFilter &filter, const Keyset &keyset, int limit) const;

    // The rows of a filter, as the Stock page's CSV export writes them (the
    // caller sets the database and the path).
    static CsvExport::Job exportJob(const StockFilter &filter, const StockOrder &order);
    // SELECT of the stock list's columns for `filter` (values appended to
    // *values), for streaming exports and tests.
    static QString listSql(const StockFilter &filter, const StockOrder &order,
                           QVariantList *values);
    // The stock list's SELECT list over `stocks s` alone, for keyset paging
    // (it ends with UpdatedAtText, the exact change time).
    static QString listColumns();
    // A row of any of the stock SELECT lists (StockColumn order), from a
    // query or from the values a windowed model keeps.
    static StockRow rowFrom(const SqlRow &row);

private:
    static std::optional<StoreError> validate(const Change &change);
    // Why stock of an archived product is not increased.
    static StoreError archivedRefusal(const QString &plu);
    StoreError whyRefused(const Change &change) const;
    // Why `change` does not fit quantities (shelf, order).
    static StoreError refusal(const Change &change, int shelfQty, int orderQty,
                              bool soldByWeight = false);
    Result<StockRow> adjust(const Actor &actor, const StockAdjustment &adjustment, bool increase);

    QSqlDatabase m_db;
};

} // namespace shopdesk
