#pragma once

#include "StockFilter.h"
#include "StockStore.h"
#include "models/windowed/WindowedTableModel.h"

namespace shopdesk {

// The stock list: one row per product per shop, filtered and sorted on the
// server, fetched a block at a time (stays smooth on a million rows).
class StockModel : public WindowedTableModel
{
    Q_OBJECT
public:
    enum Column { Plu, Barcode, Name, Shop, Shelf, Order, Price, Updated, ColumnCount };

    explicit StockModel(DbConfig config, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

    void setFilter(const StockFilter &filter);
    StockFilter filter() const { return m_filter; }
    StockOrder order() const { return m_order; }
    // Shelf quantities below this are highlighted (0 turns it off).
    void setLowStockThreshold(int threshold);
    int lowStockThreshold() const { return m_lowStock; }
    // "Changed" times are shown in this zone: the shop's (an IANA name).
    void setShopTimeZone(const QString &timeZone);

    // The loaded row, or nothing when it has not arrived.
    std::optional<StockRow> stockAt(int row) const;

    static StockSort sortFor(int column);
    // What the model reads for a filter and order (benchmarks measure this).
    // `blockSize`: the rows a name search reads together with its count.
    static RowSourcePtr sourceFor(const StockFilter &filter, const StockOrder &order,
                                  int blockSize = 200);

protected:
    QVariant rowData(const QVariantList &values, int column, int role) const override;

private:
    void reload();

    StockFilter m_filter;
    StockOrder m_order;
    int m_lowStock = 5;
    QString m_shopTimeZone;
};

} // namespace shopdesk
