#include "ReportStore.h"

#include "models/core/Permissions.h"

#include "models/core/Sql.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

HistoryFilter soldOnly(HistoryFilter filter)
{
    filter.actions = {u"sold"_s};
    return filter;
}

} // namespace

Result<QList<DayMovement>> ReportStore::movementsPerDay(const HistoryFilter &filter) const
{
    if (auto refused = checkPermission(m_reader.role, Permission::ViewHistory))
        return *refused;
    if (auto invalid = filter.validate())
        return *invalid;
    QVariantList values {filter.timeZone};
    const QString where = filter.whereClause(&values);
    // Pieces and grams apart: a product sold by weight moves in grams.
    auto q = Sql::run(
        m_db,
        u"SELECT (h.at AT TIME ZONE ?)::date AS day, "
        "  coalesce(sum(greatest(h.shelf_delta + h.order_delta, 0)) "
        "    FILTER (WHERE NOT p.sold_by_weight), 0), "
        "  coalesce(sum(greatest(-(h.shelf_delta + h.order_delta), 0)) "
        "    FILTER (WHERE NOT p.sold_by_weight), 0), "
        "  coalesce(sum(greatest(h.shelf_delta + h.order_delta, 0)) "
        "    FILTER (WHERE p.sold_by_weight), 0), "
        "  coalesce(sum(greatest(-(h.shelf_delta + h.order_delta), 0)) "
        "    FILTER (WHERE p.sold_by_weight), 0) "
        "FROM history h JOIN products p ON p.id = h.product_id %1 GROUP BY 1 ORDER BY 1"_s.arg(
            where),
        values);
    if (!q)
        return q.error();
    QList<DayMovement> found;
    while (q.value().next())
        found.append({q.value().value(0).toDate(), q.value().value(1).toLongLong(),
                      q.value().value(2).toLongLong(), q.value().value(3).toLongLong(),
                      q.value().value(4).toLongLong()});
    if (!filter.dateMin || !filter.dateMax || filter.dateMin->daysTo(*filter.dateMax) > 3660)
        return found;
    // A quiet day is a zero, not a gap in the chart.
    QList<DayMovement> days;
    qsizetype next = 0;
    for (QDate d = *filter.dateMin; d <= *filter.dateMax; d = d.addDays(1)) {
        if (next < found.size() && found.at(next).day == d)
            days.append(found.at(next++));
        else
            days.append({d, 0, 0, 0, 0});
    }
    return days;
}

Result<QList<qint64>> ReportStore::salesByHour(const HistoryFilter &filter) const
{
    return hourly(filter, false);
}

Result<QList<qint64>> ReportStore::weighedSalesByHour(const HistoryFilter &filter) const
{
    return hourly(filter, true);
}

Result<QList<qint64>> ReportStore::hourly(const HistoryFilter &filter, bool weighed) const
{
    if (auto refused = checkPermission(m_reader.role, Permission::ViewHistory))
        return *refused;
    const HistoryFilter sold = soldOnly(filter);
    if (auto invalid = sold.validate())
        return *invalid;
    QVariantList values {sold.timeZone, weighed};
    const QString where = sold.whereClause(&values);
    auto q =
        Sql::run(m_db,
                 u"SELECT extract(hour FROM h.at AT TIME ZONE ?)::int, "
                 "  coalesce(sum(-(h.shelf_delta + h.order_delta)) "
                 "    FILTER (WHERE p.sold_by_weight = ?), 0) "
                 "FROM history h JOIN products p ON p.id = h.product_id %1 GROUP BY 1"_s.arg(where),
                 values);
    if (!q)
        return q.error();
    QList<qint64> hours(24, 0);
    while (q.value().next())
        hours[qBound(0, q.value().value(0).toInt(), 23)] = q.value().value(1).toLongLong();
    return hours;
}

Result<QList<ProductUnits>> ReportStore::topProducts(const HistoryFilter &filter, int limit) const
{
    if (auto refused = checkPermission(m_reader.role, Permission::ViewHistory))
        return *refused;
    const HistoryFilter sold = soldOnly(filter);
    if (auto invalid = sold.validate())
        return *invalid;
    QVariantList values;
    const QString where = sold.whereClause(&values);
    values << qBound(1, limit, 1000);
    auto q =
        Sql::run(m_db,
                 u"SELECT t.plu, p.name, t.units, p.sold_by_weight, "
                 "  CASE WHEN p.sold_by_weight THEN round(t.units * p.price / 1000.0) "
                 "    ELSE t.units * p.price END::bigint AS value FROM ("
                 "  SELECT h.product_id, h.plu, sum(-(h.shelf_delta + h.order_delta)) AS units "
                 "  FROM history h %1 GROUP BY h.product_id, h.plu) t "
                 "JOIN products p ON p.id = t.product_id "
                 "ORDER BY value DESC, t.plu LIMIT ?"_s.arg(where),
                 values);
    if (!q)
        return q.error();
    QList<ProductUnits> top;
    while (q.value().next())
        top.append({q.value().value(0).toString(), q.value().value(1).toString(),
                    q.value().value(2).toLongLong(), q.value().value(3).toBool(),
                    q.value().value(4).toLongLong()});
    return top;
}

namespace {

// What stocks `s` hold and are worth, summed: pieces, grams, the value at
// the retail price and at the cost (over the stocks that have one), how many
// stocks hold goods without a cost and their retail value. Grams at a price
// per kilogram: each stock's value rounded to the kopeck.
QString worthColumns()
{
    const QString held = u"(s.shelf_qty + s.order_qty)"_s;
    const auto worth = [&held](const QString &price) {
        return u"CASE WHEN s.sold_by_weight THEN round(%1::numeric * %2 / 1000) "
               "ELSE %1::numeric * %2 END"_s.arg(held, price);
    };
    return u"coalesce(sum(%1) FILTER (WHERE NOT s.sold_by_weight), 0), "
           "coalesce(sum(%1) FILTER (WHERE s.sold_by_weight), 0), "
           "coalesce(sum(%2), 0)::bigint, "
           "coalesce(sum(%3) FILTER (WHERE s.cost IS NOT NULL), 0)::bigint, "
           "count(*) FILTER (WHERE s.cost IS NULL AND %1 > 0), "
           "coalesce(sum(%2) FILTER (WHERE s.cost IS NULL), 0)::bigint"_s.arg(
               held, worth(u"s.price"_s), worth(u"s.cost"_s));
}

// Reads worthColumns() from column `first` on.
template<typename Worth>
void readWorth(const QSqlQuery &q, int first, Worth *w)
{
    w->units = q.value(first).toLongLong();
    w->grams = q.value(first + 1).toLongLong();
    w->value = q.value(first + 2).toLongLong();
    w->costValue = q.value(first + 3).toLongLong();
    w->uncosted = q.value(first + 4).toLongLong();
    w->uncostedValue = q.value(first + 5).toLongLong();
}

} // namespace

Result<QList<ShopValue>> ReportStore::stockValueByShop(const HistoryFilter &filter) const
{
    if (auto refused = checkPermission(m_reader.role, Permission::ViewHistory))
        return *refused;
    if (auto invalid = filter.validate())
        return *invalid;
    // Every shop, a shop without (matching) stock at zero.
    QString stockJoin = u"s.shop_id = sh.id"_s;
    QString where;
    QVariantList values;
    if (!filter.plu.isEmpty()) {
        stockJoin += u" AND s.plu = ?"_s;
        values << filter.plu;
    }
    if (filter.shopId) {
        where = u"WHERE sh.id = ?"_s;
        values << *filter.shopId;
    }
    auto q = Sql::run(
        m_db,
        u"SELECT sh.id, sh.name, %1 "
        "FROM shops sh LEFT JOIN stocks s ON %2 %3 "
        "GROUP BY sh.id, sh.name ORDER BY sh.name, sh.id"_s.arg(worthColumns(), stockJoin, where),
        values);
    if (!q)
        return q.error();
    QList<ShopValue> shops;
    while (q.value().next()) {
        ShopValue v;
        v.shopId = q.value().value(0).toLongLong();
        v.shopName = q.value().value(1).toString();
        readWorth(q.value(), 2, &v);
        shops.append(v);
    }
    return shops;
}

Result<QList<CategoryValue>> ReportStore::stockValueByCategory(const HistoryFilter &filter) const
{
    if (auto refused = checkPermission(m_reader.role, Permission::ViewHistory))
        return *refused;
    if (auto invalid = filter.validate())
        return *invalid;
    QStringList where {u"true"_s};
    QVariantList values;
    if (!filter.plu.isEmpty()) {
        where << u"s.plu = ?"_s;
        values << filter.plu;
    }
    if (filter.shopId) {
        where << u"s.shop_id = ?"_s;
        values << *filter.shopId;
    }
    // Each category counts under its top-level one (the tree's first
    // level is what a chart can show); products in none under 0.
    auto q = Sql::run(
        m_db,
        u"WITH RECURSIVE roots AS (SELECT id, id AS root FROM categories WHERE parent_id IS NULL "
        "  UNION ALL SELECT c.id, r.root FROM categories c JOIN roots r ON c.parent_id = r.id) "
        "SELECT coalesce(r.root, 0), coalesce((SELECT name FROM categories WHERE id = r.root), "
        "''), "
        "  %1 "
        "FROM stocks s JOIN products p ON p.id = s.product_id "
        "LEFT JOIN roots r ON r.id = p.category_id WHERE %2 "
        "GROUP BY 1, 2 ORDER BY coalesce(r.root, 0) = 0, 2"_s.arg(worthColumns(),
                                                                  where.join(u" AND "_s)),
        values);
    if (!q)
        return q.error();
    QList<CategoryValue> categories;
    while (q.value().next()) {
        CategoryValue v;
        v.categoryId = q.value().value(0).toLongLong();
        v.name = q.value().value(1).toString();
        readWorth(q.value(), 2, &v);
        categories.append(v);
    }
    return categories;
}

} // namespace shopdesk
