#include "ProductMovementsTable.h"

#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/history/HistoryModel.h"
#include "models/history/HistoryService.h"
#include "models/shops/ShopTime.h"

#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
enum Column { When, Shop, Action, ShelfChange, OrderChange, ShelfAfter, Who, Why, ColumnCount };

// "+1.250 kg", "−3", or nothing when it did not change.
QString signedQuantity(qint64 delta, bool soldByWeight)
{
    if (delta == 0)
        return {};
    const QString text = Quantity::format(delta < 0 ? -delta : delta, soldByWeight);
    return (delta > 0 ? u"+"_s : u"−"_s) + text;
}
} // namespace

ProductMovementsTable::ProductMovementsTable(const QString &shopTimeZone, QWidget *parent)
    : QTableWidget(0, ColumnCount, parent), m_zone(shopTimeZone)
{
    setObjectName(u"productMovements"_s);
    setHorizontalHeaderLabels({tr("When"), tr("Shop"), tr("Action"), tr("Shelf"),
                               tr("Held by orders"), tr("Shelf after"), tr("Who"), tr("Reason")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
}

void ProductMovementsTable::load(const Actor &actor, const QString &plu)
{
    HistoryFilter filter;
    filter.plu = plu;
    // Stock rows only: the product's own edits are on the Changes tab.
    filter.actions = HistoryFilter::knownActions();
    filter.actions.removeAll(u"product_created"_s);
    filter.actions.removeAll(u"product_changed"_s);
    whenReady(this, HistoryService(actor).newest(filter, kShown),
              [this](const Result<QList<HistoryEntry>> &rows) {
                  if (rows)
                      show(rows.value());
                  else
                      emit failed(rows.error().message);
              });
}

void ProductMovementsTable::show(const QList<HistoryEntry> &rows)
{
    setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const HistoryEntry &e = rows.at(row);
        const QStringList cells {ShopTime::format(e.at, m_zone),
                                 e.shopName,
                                 HistoryModel::actionText(e.action),
                                 signedQuantity(e.shelfDelta, e.soldByWeight),
                                 signedQuantity(e.orderDelta, e.soldByWeight),
                                 Quantity::format(e.shelfAfter, e.soldByWeight),
                                 e.staffName,
                                 e.reason};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == ShelfChange || column == OrderChange || column == ShelfAfter)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, column, item);
        }
    }
    resizeColumnsToContents();
    emit shown(int(rows.size()));
}

} // namespace shopdesk
