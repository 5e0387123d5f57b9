#include "StockModel.h"

#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/shops/ShopTime.h"

#include "models/windowed/KeysetRowSource.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSqlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace shopdesk {

StockModel::StockModel(DbConfig config, QObject *parent)
    : WindowedTableModel(std::move(config), parent)
{
    reload();
}

int StockModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StockModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return WindowedTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole && section >= Shelf && section <= Price)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Plu:
        return tr("PLU");
    case Barcode:
        return tr("Barcode");
    case Name:
        return tr("Product");
    case Shop:
        return tr("Shop");
    case Shelf:
        return tr("On shelf");
    case Order:
        return tr("In orders");
    case Price:
        return tr("Price");
    case Updated:
        return tr("Changed");
    }
    return {};
}

StockSort StockModel::sortFor(int column)
{
    switch (column) {
    case Plu:
    case Barcode: // no index sorts by barcode: a product's codes go together
        return StockSort::Plu;
    case Shop:
        return StockSort::Shop;
    case Shelf:
        return StockSort::Shelf;
    case Order:
        return StockSort::Order;
    case Price:
        return StockSort::Price;
    case Updated:
        return StockSort::Updated;
    default:
        return StockSort::Name;
    }
}

void StockModel::sort(int column, Qt::SortOrder order)
{
    const StockOrder wanted {sortFor(column), order == Qt::DescendingOrder};
    if (wanted.column == m_order.column && wanted.descending == m_order.descending && source())
        return;
    m_order = wanted;
    reload();
}

void StockModel::setFilter(const StockFilter &filter)
{
    if (filter == m_filter && source())
        return;
    m_filter = filter;
    reload();
}

void StockModel::setLowStockThreshold(int threshold)
{
    if (threshold == m_lowStock)
        return;
    m_lowStock = threshold;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                         {Qt::BackgroundRole, Qt::ForegroundRole, Qt::ToolTipRole});
}

RowSourcePtr StockModel::sourceFor(const StockFilter &filter, const StockOrder &order,
                                   int blockSize)
{
    KeysetRowSource::Spec spec;
    spec.from = u"stocks s"_s;
    spec.columns = StockStore::listColumns();
    spec.where = filter.whereClause(&spec.values);
    spec.key = order.keyExpression();
    spec.id = u"s.id"_s;
    spec.keyColumn = order.keyColumn();
    spec.idColumn = 0;
    spec.descending = order.descending;
    spec.estimateWhenUnfiltered = true;
    spec.estimateSql = u"SELECT reltuples::bigint FROM pg_class WHERE oid = 'stocks'::regclass"_s;
    // A filter's first rows need not wait for counting a third of the table.
    spec.quickCountCap = 5000;

    if (!filter.name.trimmed().isEmpty()) {
        // A word's matches sit together in name order: there they are always
        // sorted by themselves. In any other order the matches are spread
        // out: filtering first costs about 2 µs per match (the trigram index,
        // then each match's row), walking the sort index about 5 µs per row
        // it passes, and it passes rows-per-page × rows / matches of them.
        // On a million rows the two meet near 15,000 matches.
        const bool clustered = order.column == StockSort::Name;
        spec.fenceBelow = clustered ? std::numeric_limits<qint64>::max() : 15000;
        // Counting a word's matches reads each of their rows (the trigram
        // index only finds candidates), as matching them first does: one read
        // gives both, the count and the first block. A quantity range is
        // counted in its index alone, much cheaper than reading the rows, so
        // it keeps the count apart.
        spec.prefetchRows = blockSize;
    } else if (filter.shopId && filter.plu.isEmpty()) {
        // One shop: its own indexes (shop first, then the sort column) give
        // the order over that shop's rows alone, not over every shop's.
        spec.constantLead = u"s.shop_id"_s;
        // A quantity range sorted by another column: walking the shop's sort
        // index passes rows-per-page × shop rows / matches rows (about 2 µs
        // each once they have changed, worst newest-first right after a run of
        // changes), filtering first reads each match (about 2 µs). On a third
        // of a million rows per shop the two meet near 8,000 matches.
        const bool shelfRange = filter.shelfMin || filter.shelfMax;
        const bool orderRange = filter.orderMin || filter.orderMax;
        const bool sortedByRange = (shelfRange && order.column == StockSort::Shelf) ||
            (orderRange && order.column == StockSort::Order);
        if ((shelfRange || orderRange) && !sortedByRange)
            spec.fenceBelow = 8000;
    }
    return std::make_shared<KeysetRowSource>(spec);
}

void StockModel::setShopTimeZone(const QString &timeZone)
{
    if (timeZone == m_shopTimeZone)
        return;
    m_shopTimeZone = timeZone;
    if (rowCount() > 0)
        emit dataChanged(index(0, Updated), index(rowCount() - 1, Updated), {Qt::DisplayRole});
}

void StockModel::reload()
{
    setSource(sourceFor(m_filter, m_order, blockSize()));
}

std::optional<StockRow> StockModel::stockAt(int row) const
{
    const QVariantList *values = rowValues(row);
    if (!values)
        return std::nullopt;
    return StockStore::rowFrom(*values);
}

QVariant StockModel::rowData(const QVariantList &values, int column, int role) const
{
    const StockRow r = StockStore::rowFrom(values);
    // The threshold counts pieces, or kilograms of goods sold by weight.
    const qint64 lowBelow = qint64(m_lowStock) * (r.soldByWeight ? Quantity::kGramsPerKg : 1);
    const bool low = m_lowStock > 0 && r.shelfQty < lowBelow;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Plu:
            return r.plu;
        case Barcode:
            return r.barcode;
        case Name:
            return r.name;
        case Shop:
            return r.shopName;
        case Shelf:
            return Quantity::format(r.shelfQty, r.soldByWeight);
        case Order:
            return Quantity::format(r.orderQty, r.soldByWeight);
        case Price:
            return r.soldByWeight ? tr("%1/kg").arg(Money::format(r.price))
                                  : Money::format(r.price);
        case Updated:
            return ShopTime::format(r.updatedAt, m_shopTimeZone);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column >= Shelf && column <= Price)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        // Low stock stands out across the row, stronger when the shelf is empty.
        if (low)
            return QBrush(r.shelfQty == 0 ? QColor(0xf8, 0xd7, 0xda) : QColor(0xff, 0xf1, 0xc9));
        return {};
    case Qt::ToolTipRole:
        if (low)
            return tr("Low stock: %1 on the shelf (threshold %2)")
                .arg(Quantity::format(r.shelfQty, r.soldByWeight),
                     Quantity::format(lowBelow, r.soldByWeight));
        return {};
    }
    return {};
}

} // namespace shopdesk
