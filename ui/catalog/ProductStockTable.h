#pragma once

#include "models/core/Actor.h"
#include "models/stock/StockStore.h"

#include <QTableWidget>

namespace shopdesk {

// A product card's stock: one row per shop that keeps the product (every
// shop at the head office, whose database mirrors them all), with what is on
// its shelf and what open orders hold, in kilograms for goods sold by weight.
class ProductStockTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit ProductStockTable(QWidget *parent = nullptr);

    // Reads the product's stock through StockService; never waits.
    void load(const Actor &actor, const QString &plu);

signals:
    void shown(int shops);
    void failed(const QString &message);

private:
    void show(const QList<StockRow> &rows);
};

} // namespace shopdesk
