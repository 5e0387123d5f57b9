#include "StockModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// One filter and order, frozen for the loader thread.
class StockRowSource : public RowSource
{
public:
    StockRowSource(StockFilter filter, StockOrder order)
        : m_filter(std::move(filter)), m_order(order)
    {
    }
    std::shared_ptr<const RowSource> fresh() const override
    {
        return std::make_shared<StockRowSource>(m_filter, m_order);
    }
    Result<qint64> count(const QSqlDatabase &db) const override
    {
        auto n = StockStore(db).count(m_filter);
        if (n)
            m_matches = n.value();
        return n;
    }
    Result<QList<QVariantList>> rows(const QSqlDatabase &db, qint64 offset,
                                     int limit) const override
    {
        const qint64 matches = m_matches.load();
        auto rows =
            StockStore(db).list(m_filter, m_order, offset, limit,
                                matches >= 0 ? std::optional<qint64>(matches) : std::nullopt);
        if (!rows)
            return rows.error();
        QList<QVariantList> values;
        values.reserve(rows->size());
        for (const StockRow &r : rows.value())
            values.append({QVariant::fromValue(r)});
        return values;
    }

private:
    StockFilter m_filter;
    StockOrder m_order;
    // The count, once the loader has it: chooses the plan for name searches.
    mutable std::atomic<qint64> m_matches {-1};
};

} // namespace

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

void StockModel::reload()
{
    setSource(std::make_shared<StockRowSource>(m_filter, m_order));
}

std::optional<StockRow> StockModel::stockAt(int row) const
{
    const QVariantList *values = rowValues(row);
    if (!values)
        return std::nullopt;
    return values->first().value<StockRow>();
}

QVariant StockModel::rowData(const QVariantList &values, int column, int role) const
{
    const StockRow r = values.first().value<StockRow>();
    const bool low = m_lowStock > 0 && r.shelfQty < m_lowStock;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Plu:
            return r.plu;
        case Name:
            return r.name;
        case Shop:
            return r.shopName;
        case Shelf:
            return QLocale().toString(r.shelfQty);
        case Order:
            return QLocale().toString(r.orderQty);
        case Price:
            return QLocale().toString(double(r.price) / 100.0, 'f', 2);
        case Updated:
            return QLocale().toString(r.updatedAt.toLocalTime(), QLocale::ShortFormat);
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
            return tr("Low stock: %1 on the shelf (threshold %2)").arg(r.shelfQty).arg(m_lowStock);
        return {};
    case StockRowRole:
        return QVariant::fromValue(r);
    }
    return {};
}

} // namespace shopdesk
