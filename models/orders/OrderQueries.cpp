#include "OrderQueries.h"

#include "models/core/Permissions.h"
#include "models/core/Sql.h"

#include <QSqlRecord>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

OrderStatus statusIn(const QSqlRecord &row)
{
    // The schema allows no other text (a CHECK constraint).
    return orderStatusFromKey(row.value(u"status"_s).toString()).value_or(OrderStatus::New);
}

} // namespace

Order OrderQueries::orderFrom(const QSqlRecord &row)
{
    Order o;
    o.id = row.value(u"id"_s).toLongLong();
    o.shopId = row.value(u"shop_id"_s).toLongLong();
    o.till = row.value(u"till"_s).toString();
    o.number = row.value(u"number"_s).toString();
    o.staffId = row.value(u"staff_id"_s).toLongLong();
    o.customerId = row.value(u"customer_id"_s).toLongLong();
    o.status = statusIn(row);
    o.subtotal = row.value(u"subtotal"_s).toLongLong();
    o.discount = row.value(u"discount"_s).toLongLong();
    o.total = row.value(u"total"_s).toLongLong();
    o.paymentMethod = paymentMethodFromKey(row.value(u"payment_method"_s).toString());
    o.paidCash = row.value(u"paid_cash"_s).toLongLong();
    o.paidCard = row.value(u"paid_card"_s).toLongLong();
    o.createdAt = row.value(u"created_at"_s).toDateTime();
    o.expiresAt = row.value(u"expires_at"_s).toDateTime();
    o.paidAt = row.value(u"paid_at"_s).toDateTime();
    o.failure = row.value(u"failure"_s).toString();
    return o;
}

OrderLine OrderQueries::lineFrom(const QSqlRecord &row)
{
    OrderLine l;
    l.lineNo = row.value(u"line_no"_s).toInt();
    l.productId = row.value(u"product_id"_s).toLongLong();
    l.plu = row.value(u"plu"_s).toString();
    l.name = row.value(u"name"_s).toString();
    l.qty = row.value(u"qty"_s).toInt();
    l.unitPrice = row.value(u"unit_price"_s).toLongLong();
    l.returnedQty = row.value(u"returned_qty"_s).toInt();
    l.weighed = row.value(u"weighed"_s).toBool();
    l.catalogPrice = row.value(u"catalog_price"_s).toLongLong();
    l.priceApprovedBy = row.value(u"price_approved_by"_s).toLongLong();
    l.vatCode = row.value(u"vat_code"_s).toString();
    if (!row.value(u"vat_rate"_s).isNull())
        l.vatRate = row.value(u"vat_rate"_s).toInt();
    l.discount = row.value(u"discount"_s).toLongLong();
    l.netAmount = row.value(u"net_amount"_s).toLongLong();
    l.vatAmount = row.value(u"vat_amount"_s).toLongLong();
    return l;
}

OrderSummary OrderQueries::summaryFrom(const QSqlRecord &row)
{
    OrderSummary s;
    s.id = row.value(u"id"_s).toLongLong();
    s.number = row.value(u"number"_s).toString();
    s.createdAt = row.value(u"created_at"_s).toDateTime();
    s.status = statusIn(row);
    s.cashier = row.value(u"cashier"_s).toString();
    s.staffId = row.value(u"staff_id"_s).toLongLong();
    s.total = row.value(u"total"_s).toLongLong();
    s.paymentMethod = paymentMethodFromKey(row.value(u"payment_method"_s).toString());
    s.failure = row.value(u"failure"_s).toString();
    return s;
}

Result<std::optional<Order>> OrderQueries::byId(qint64 id) const
{
    auto q = Sql::run(m_db,
                      u"SELECT id, shop_id, till, number, staff_id, "
                      "coalesce(customer_id, 0) AS customer_id, status, subtotal, discount, total, "
                      "coalesce(payment_method, '') AS payment_method, paid_cash, paid_card, "
                      "created_at, expires_at, paid_at, failure FROM orders WHERE id = ?"_s,
                      {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Order>();
    Order order = orderFrom(q.value().record());
    auto lines = Sql::run(
        m_db,
        u"SELECT line_no, product_id, plu, name, qty, unit_price, returned_qty, "
        "weighed, coalesce(catalog_price, 0) AS catalog_price, "
        "coalesce(price_approved_by, 0) AS price_approved_by, vat_code, "
        "vat_rate, discount, net_amount, vat_amount FROM order_lines WHERE order_id = ? ORDER BY line_no"_s,
        {id});
    if (!lines)
        return lines.error();
    while (lines.value().next())
        order.lines.append(lineFrom(lines.value().record()));
    return std::optional<Order>(order);
}

Result<std::optional<Order>> OrderQueries::byId(const Actor &reader, qint64 id) const
{
    auto order = byId(id);
    if (!order || !order.value() || hasPermission(reader.role, Permission::ManageOrders) ||
        order.value()->staffId == reader.staffId)
        return order;
    return StoreError::permission(tr("A cashier sees only their own orders."));
}

Result<std::optional<Order>> OrderQueries::byNumber(const Actor &reader,
                                                    const QString &number) const
{
    auto id = Sql::run(m_db, u"SELECT id FROM orders WHERE number = upper(btrim(?))"_s, {number});
    if (!id)
        return id.error();
    if (!id.value().next())
        return std::optional<Order>();
    return byId(reader, id.value().value(0).toLongLong());
}

Result<Order> OrderQueries::existing(qint64 id) const
{
    auto order = byId(id);
    if (!order)
        return order.error();
    if (!order.value())
        return StoreError::notFound(tr("There is no order %1.").arg(id));
    return *order.value();
}

Result<QList<OrderSummary>> OrderQueries::list(const Actor &reader, OrderFilter filter,
                                               qint64 before, int limit) const
{
    if (!hasPermission(reader.role, Permission::ManageOrders))
        filter.staffId = reader.staffId;
    if (filter.dateMin && filter.dateMax && *filter.dateMin > *filter.dateMax)
        return StoreError::invalid(u"date_min"_s, tr("The first day is after the last."));
    QStringList where;
    QVariantList values;
    if (filter.shopId > 0) {
        where << u"o.shop_id = ?"_s;
        values << filter.shopId;
    }
    if (filter.status) {
        where << u"o.status = ?"_s;
        values << orderStatusKey(*filter.status);
    }
    if (filter.dateMin) {
        where << u"o.created_at >= (?::date)::timestamp AT TIME ZONE ?"_s;
        values << filter.dateMin->toString(Qt::ISODate) << filter.timeZone;
    }
    if (filter.dateMax) {
        where << u"o.created_at < (?::date + 1)::timestamp AT TIME ZONE ?"_s;
        values << filter.dateMax->toString(Qt::ISODate) << filter.timeZone;
    }
    if (filter.staffId > 0) {
        where << u"o.staff_id = ?"_s;
        values << filter.staffId;
    }
    if (filter.customerId > 0) {
        where << u"o.customer_id = ?"_s;
        values << filter.customerId;
    }
    if (before > 0) {
        // Keyset: strictly after the previous page's last row.
        where << u"(o.created_at, o.id) < (SELECT created_at, id FROM orders WHERE id = ?)"_s;
        values << before;
    }
    values << qBound(1, limit, 1000);
    auto q = Sql::run(m_db,
                      u"SELECT o.id, o.number, o.created_at, o.status, s.display_name AS cashier, "
                      "o.staff_id, o.total, coalesce(o.payment_method, '') AS payment_method, "
                      "o.failure FROM orders o JOIN staff s ON s.id = o.staff_id %1 "
                      "ORDER BY o.created_at DESC, o.id DESC LIMIT ?"_s.arg(
                          where.isEmpty() ? QString() : u"WHERE "_s + where.join(u" AND "_s)),
                      values);
    if (!q)
        return q.error();
    QList<OrderSummary> rows;
    while (q.value().next())
        rows.append(summaryFrom(q.value().record()));
    return rows;
}

} // namespace shopdesk
