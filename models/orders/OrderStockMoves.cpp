#include "OrderStockMoves.h"

#include "models/core/Sql.h"
#include "models/stock/StockStore.h"

#include <QSqlRecord>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<QList<OrderLine>> OrderStockMoves::linesOf(qint64 orderId) const
{
    auto q = Sql::run(m_db,
                      u"SELECT plu, qty, coalesce(price_approved_by, 0) AS price_approved_by "
                      "FROM order_lines WHERE order_id = ? ORDER BY line_no"_s,
                      {orderId});
    if (!q)
        return q.error();
    QList<OrderLine> lines;
    while (q.value().next()) {
        const QSqlRecord row = q.value().record();
        OrderLine line;
        line.plu = row.value(u"plu"_s).toString();
        line.qty = row.value(u"qty"_s).toInt();
        line.priceApprovedBy = row.value(u"price_approved_by"_s).toLongLong();
        lines.append(line);
    }
    return lines;
}

Result<void> OrderStockMoves::reserve(const Actor &actor, const LockedOrder &order,
                                      const QList<OrderLine> &lines)
{
    return apply(actor, order, Move::Reserve, lines, {}, 0);
}

Result<void> OrderStockMoves::sell(const Actor &actor, const LockedOrder &order)
{
    auto lines = linesOf(order.id);
    if (!lines)
        return lines.error();
    return apply(actor, order, Move::Sell, lines.value(), {}, 0);
}

Result<void> OrderStockMoves::release(const Actor &actor, const LockedOrder &order,
                                      const QString &reason)
{
    auto lines = linesOf(order.id);
    if (!lines)
        return lines.error();
    return apply(actor, order, Move::Release, lines.value(), reason, 0);
}

Result<void> OrderStockMoves::takeBack(const Actor &actor, const LockedOrder &order,
                                       const QList<OrderLine> &lines, qint64 approvedBy,
                                       const QString &reason)
{
    return apply(actor, order, Move::TakeBack, lines, reason, approvedBy);
}

Result<void> OrderStockMoves::apply(const Actor &actor, const LockedOrder &order, Move move,
                                    const QList<OrderLine> &lines, const QString &reason,
                                    qint64 approvedBy)
{
    // Two labels of one weighed product are two lines but one stock row,
    // which a statement may change only once: their quantities go together.
    QList<OrderLine> byPlu;
    for (const OrderLine &line : lines) {
        auto same = std::find_if(byPlu.begin(), byPlu.end(),
                                 [&](const OrderLine &b) { return b.plu == line.plu; });
        if (same == byPlu.end()) {
            byPlu.append(line);
        } else {
            same->qty += line.qty;
            if (!same->priceApprovedBy)
                same->priceApprovedBy = line.priceApprovedBy;
        }
    }
    QList<StockStore::Change> changes;
    for (const OrderLine &line : std::as_const(byPlu)) {
        StockStore::Change c;
        c.shopId = order.shopId;
        c.plu = line.plu;
        c.orderId = order.id;
        switch (move) {
        case Move::Reserve:
            c.shelfDelta = -line.qty;
            c.orderDelta = line.qty;
            c.action = u"reserved"_s;
            c.reason = tr("Order %1").arg(order.number);
            c.approvedBy = line.priceApprovedBy; // the manager's name goes with the changed price
            break;
        case Move::Sell:
            c.orderDelta = -line.qty;
            c.action = u"sold"_s;
            c.reason = tr("Order %1").arg(order.number);
            c.approvedBy = line.priceApprovedBy;
            break;
        case Move::Release:
            c.shelfDelta = line.qty;
            c.orderDelta = -line.qty;
            c.action = u"released"_s;
            c.reason = reason.isEmpty() ? tr("Order %1 cancelled").arg(order.number)
                                        : tr("Order %1 cancelled: %2").arg(order.number, reason);
            break;
        case Move::TakeBack:
            c.shelfDelta = line.qty;
            c.action = u"returned"_s;
            c.reason = reason.isEmpty() ? tr("Return of order %1").arg(order.number)
                                        : tr("Return of order %1: %2").arg(order.number, reason);
            c.approvedBy = approvedBy;
            break;
        }
        changes << c;
    }
    auto applied = StockStore(m_db).applyAll(actor, changes, Permission::Sell);
    if (!applied)
        return applied.error();
    return {};
}

} // namespace shopdesk
