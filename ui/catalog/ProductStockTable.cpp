#include "ProductStockTable.h"

#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/stock/StockService.h"

#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
enum Column { Shop, Shelf, InOrders, Total, ColumnCount };
} // namespace

ProductStockTable::ProductStockTable(QWidget *parent) : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(u"productStock"_s);
    setHorizontalHeaderLabels({tr("Shop"), tr("On the shelf"), tr("Held by orders"), tr("Total")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->hide();
    // The shop's name takes the free width; the quantities stay beside it.
    horizontalHeader()->setSectionResizeMode(Shop, QHeaderView::Stretch);
}

void ProductStockTable::load(const Actor &actor, const QString &plu)
{
    whenReady(this, StockService(actor).inEveryShop(plu),
              [this](const Result<QList<StockRow>> &rows) {
                  if (rows)
                      show(rows.value());
                  else
                      emit failed(rows.error().message);
              });
}

void ProductStockTable::show(const QList<StockRow> &rows)
{
    setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const StockRow &s = rows.at(row);
        const QStringList cells {s.shopName, Quantity::format(s.shelfQty, s.soldByWeight),
                                 Quantity::format(s.orderQty, s.soldByWeight),
                                 Quantity::format(qint64(s.shelfQty) + s.orderQty, s.soldByWeight)};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column != Shop)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, column, item);
        }
    }
    resizeColumnsToContents();
    emit shown(int(rows.size()));
}

} // namespace shopdesk
