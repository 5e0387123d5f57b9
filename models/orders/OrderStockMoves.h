#pragma once

#include "Order.h"
#include "OrderLock.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

namespace shopdesk {

// The stock side of an order's life, inside the caller's transaction: its
// lines reserved (shelf → order quantity), sold (out of the order
// quantity), released (back on the shelf) or taken back after a sale. Each
// is one StockStore::applyAll, all lines or none, with its history rows
// naming the order.
class OrderStockMoves
{
    Q_DECLARE_TR_FUNCTIONS(OrderStockMoves)
public:
    explicit OrderStockMoves(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<void> reserve(const Actor &actor, const LockedOrder &order,
                         const QList<OrderLine> &lines);
    Result<void> sell(const Actor &actor, const LockedOrder &order);
    Result<void> release(const Actor &actor, const LockedOrder &order, const QString &reason);
    // `lines`: the PLUs and counts coming back; `approvedBy`: the manager.
    Result<void> takeBack(const Actor &actor, const LockedOrder &order,
                          const QList<OrderLine> &lines, qint64 approvedBy, const QString &reason);

private:
    enum class Move { Reserve, Sell, Release, TakeBack };
    // The order's lines as stored (PLU, count, approving manager).
    Result<QList<OrderLine>> linesOf(qint64 orderId) const;
    Result<void> apply(const Actor &actor, const LockedOrder &order, Move move,
                       const QList<OrderLine> &lines, const QString &reason, qint64 approvedBy);

    QSqlDatabase m_db;
};

} // namespace shopdesk
