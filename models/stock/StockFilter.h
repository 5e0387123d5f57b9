#pragma once

#include "models/core/StoreError.h"

#include <QCoreApplication>
#include <QString>
#include <QVariantList>

#include <optional>

namespace shopdesk {

// Seed 000's stock filters (GET /stocks) plus the product name.
// Every field is optional; an unset field does not filter.
struct StockFilter
{
    Q_DECLARE_TR_FUNCTIONS(StockFilter)
public:
    QString plu; // exact
    std::optional<qint64> shopId;
    std::optional<int> shelfMin; // quantity_on_shelf_min, inclusive
    std::optional<int> shelfMax; // quantity_on_shelf_max, inclusive
    std::optional<int> orderMin; // quantity_in_order_min
    std::optional<int> orderMax; // quantity_in_order_max
    QString name; // case-insensitive substring
    // The products of this category and of every category below it.
    std::optional<qint64> categoryId;

    // A name word long enough for the trigram index (three letters or more).
    bool searchesByWord() const { return name.trimmed().size() >= 3; }

    // The first problem (a negative bound, min above max), naming the field.
    std::optional<StoreError> validate() const;

    // "WHERE ..." (or empty) over the stocks table aliased `s`, with its values
    // in `values`, in order. Only bound values: no user text reaches the SQL.
    QString whereClause(QVariantList *values) const;

    friend bool operator==(const StockFilter &, const StockFilter &) = default;
};

// The columns a stock list can be sorted by (a fixed whitelist: the SQL never
// carries a column name that came from outside).
enum class StockSort { Plu, Name, Shop, Shelf, Order, Price, Updated };

struct StockOrder
{
    StockSort column = StockSort::Name;
    bool descending = false;

    QString orderBy() const; // "ORDER BY ..., s.id"
    // The sort key alone (keyset paging adds s.id) and its column in the
    // stock list's SELECT (StockStore::listColumns()).
    QString keyExpression() const;
    int keyColumn() const;
};

} // namespace shopdesk
