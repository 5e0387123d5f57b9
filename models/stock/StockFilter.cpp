#include "StockFilter.h"

#include "StockStore.h"
#include "models/catalog/ProductStore.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace shopdesk {

std::optional<StoreError> StockFilter::validate() const
{
    const struct
    {
        const std::optional<int> &value;
        const char *field;
        const char *label;
    } bounds[] = {
        {shelfMin, "quantity_on_shelf_min",
         QT_TRANSLATE_NOOP("StockFilter", "The smallest shelf quantity")},
        {shelfMax, "quantity_on_shelf_max",
         QT_TRANSLATE_NOOP("StockFilter", "The largest shelf quantity")},
        {orderMin, "quantity_in_order_min",
         QT_TRANSLATE_NOOP("StockFilter", "The smallest order quantity")},
        {orderMax, "quantity_in_order_max",
         QT_TRANSLATE_NOOP("StockFilter", "The largest order quantity")},
    };
    for (const auto &b : bounds) {
        if (b.value && *b.value < 0)
            return StoreError::invalid(QString::fromLatin1(b.field),
                                       tr("%1 cannot be negative.").arg(tr(b.label)));
    }
    if (shelfMin && shelfMax && *shelfMin > *shelfMax)
        return StoreError::invalid(u"quantity_on_shelf_min"_s,
                                   tr("The smallest shelf quantity (%1) is above the largest (%2).")
                                       .arg(*shelfMin)
                                       .arg(*shelfMax));
    if (orderMin && orderMax && *orderMin > *orderMax)
        return StoreError::invalid(u"quantity_in_order_min"_s,
                                   tr("The smallest order quantity (%1) is above the largest (%2).")
                                       .arg(*orderMin)
                                       .arg(*orderMax));
    if (shopId && *shopId <= 0)
        return StoreError::invalid(u"shop_id"_s, tr("shop_id must be a positive number."));
    if (categoryId && *categoryId <= 0)
        return StoreError::invalid(u"category_id"_s, tr("category_id must be a positive number."));
    return std::nullopt;
}

QString StockFilter::whereClause(QVariantList *values) const
{
    QStringList conditions;
    auto add = [&](const QString &condition, const QVariant &value) {
        conditions << condition;
        values->append(value);
    };
    if (!plu.isEmpty())
        add(u"s.plu = ?"_s, plu);
    // With a word to find (three letters or more, so the trigram index can
    // be used) the shop is checked on the rows the word finds, not through
    // the shop's own index: PostgreSQL would otherwise AND the word's few
    // thousand matches with a bitmap of every row of the shop (a third of
    // the table), which costs more than the rest of the query together.
    if (shopId)
        add(searchesByWord() ? u"s.shop_id + 0 = ?"_s : u"s.shop_id = ?"_s, *shopId);
    if (shelfMin)
        add(u"s.shelf_qty >= ?"_s, *shelfMin);
    if (shelfMax)
        add(u"s.shelf_qty <= ?"_s, *shelfMax);
    if (orderMin)
        add(u"s.order_qty >= ?"_s, *orderMin);
    if (orderMax)
        add(u"s.order_qty <= ?"_s, *orderMax);
    if (categoryId)
        add(u"s.product_id IN (SELECT p.id FROM products p "
            "WHERE p.category_id IN (SELECT category_subtree(?)))"_s,
            *categoryId);
    if (!name.trimmed().isEmpty())
        // Against the stored lower-case copy: a plain LIKE is several times
        // cheaper per row than ILIKE on Cyrillic, and the trigram index
        // rechecks every candidate row.
        add(u"s.product_name_folded LIKE lower(?)"_s, ProductStore::likePattern(name.trimmed()));
    return conditions.isEmpty() ? QString() : u"WHERE "_s + conditions.join(u" AND "_s);
}

QString StockOrder::orderBy() const
{
    const QString direction = descending ? u" DESC"_s : QString();
    return u"ORDER BY %1%2, s.id%2"_s.arg(keyExpression(), direction);
}

QString StockOrder::keyExpression() const
{
    switch (column) {
    case StockSort::Plu:
        return u"s.plu"_s;
    case StockSort::Name:
        return u"s.product_name"_s;
    case StockSort::Shop:
        return u"s.shop_id"_s;
    case StockSort::Shelf:
        return u"s.shelf_qty"_s;
    case StockSort::Order:
        return u"s.order_qty"_s;
    case StockSort::Price:
        return u"s.price"_s;
    case StockSort::Updated:
        return u"s.updated_at"_s;
    }
    return u"s.product_name"_s;
}

int StockOrder::keyColumn() const
{
    switch (column) {
    case StockSort::Plu:
        return int(StockColumn::Plu);
    case StockSort::Name:
        return int(StockColumn::Name);
    case StockSort::Shop:
        return int(StockColumn::ShopId);
    case StockSort::Shelf:
        return int(StockColumn::ShelfQty);
    case StockSort::Order:
        return int(StockColumn::OrderQty);
    case StockSort::Price:
        return int(StockColumn::Price);
    case StockSort::Updated:
        // The text form: a QDateTime keeps milliseconds, PostgreSQL keeps
        // microseconds, and a rounded key would repeat or skip rows.
        return int(StockColumn::UpdatedAtText);
    }
    return int(StockColumn::Name);
}

} // namespace shopdesk
