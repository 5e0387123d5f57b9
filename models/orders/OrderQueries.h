#pragma once

#include "Order.h"
#include "OrderFilter.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <optional>

class QSqlRecord;

namespace shopdesk {

// Reading orders: one with its lines, or a page of the order list. Each
// row type is read from its columns in one place (orderFrom, lineFrom,
// summaryFrom).
class OrderQueries
{
    Q_DECLARE_TR_FUNCTIONS(OrderQueries)
public:
    explicit OrderQueries(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<std::optional<Order>> byId(qint64 id) const;
    // The same for a person looking at it: a cashier (without ManageOrders)
    // may see only their own orders.
    Result<std::optional<Order>> byId(const Actor &reader, qint64 id) const;
    // The order with this number (as printed on its receipt, e.g. read from
    // its barcode), with byId's rule for who may see it.
    Result<std::optional<Order>> byNumber(const Actor &reader, const QString &number) const;
    // An order just written: there is one, or it is a NotFound error.
    Result<Order> existing(qint64 id) const;
    // Newest first, `limit` rows created before `before` (an order id: the
    // last row of the previous page; 0 for the first page).
    // A cashier (without ManageOrders) sees only their own orders, whatever
    // the filter asks.
    Result<QList<OrderSummary>> list(const Actor &reader, OrderFilter filter, qint64 before,
                                     int limit) const;

private:
    static Order orderFrom(const QSqlRecord &row);
    static OrderLine lineFrom(const QSqlRecord &row);
    static OrderSummary summaryFrom(const QSqlRecord &row);

    QSqlDatabase m_db;
};

} // namespace shopdesk
