#include "StockStore.h"

#include "models/core/Money.h"
#include "models/core/PgArray.h"
#include "models/core/Quantity.h"
#include "models/core/Sql.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// In StockColumn order.
// The barcode is the product's: looked up by its primary key.
const QString kColumns = u"s.id, s.product_id, s.shop_id, s.plu, s.product_name, sh.name, "
                         "s.shelf_qty, s.order_qty, s.price, s.updated_at, s.sold_by_weight, "
                         "(SELECT barcode FROM products WHERE id = s.product_id)"_s;
// The same columns without the join (the shop's name by a lookup per row),
// plus the exact change time as text for keyset paging.
const QString kListColumns =
    u"s.id, s.product_id, s.shop_id, s.plu, s.product_name, "
    "(SELECT name FROM shops WHERE id = s.shop_id), s.shelf_qty, s.order_qty, "
    "s.price, s.updated_at, s.sold_by_weight, "
    "(SELECT barcode FROM products WHERE id = s.product_id), s.updated_at::text"_s;

} // namespace

QString StockStore::listColumns()
{
    return kListColumns;
}

StockRow StockStore::rowFrom(const SqlRow &row)
{
    using C = StockColumn;
    StockRow r;
    r.id = row[C::Id].toLongLong();
    r.productId = row[C::ProductId].toLongLong();
    r.shopId = row[C::ShopId].toLongLong();
    r.plu = row[C::Plu].toString();
    r.name = row[C::Name].toString();
    r.shopName = row[C::ShopName].toString();
    r.shelfQty = row[C::ShelfQty].toInt();
    r.orderQty = row[C::OrderQty].toInt();
    r.price = row[C::Price].toLongLong();
    r.updatedAt = row[C::UpdatedAt].toDateTime();
    r.soldByWeight = row[C::SoldByWeight].toBool();
    r.barcode = row[C::Barcode].toString();
    return r;
}

CsvExport::Job StockStore::exportJob(const StockFilter &filter, const StockOrder &order)
{
    CsvExport::Job job;
    job.sql = listSql(filter, order, &job.values);
    job.headers = {tr("PLU"),       tr("Barcode"), tr("Product"), tr("Shop"),   tr("On shelf"),
                   tr("In orders"), tr("Unit"),    tr("Price"),   tr("Changed")};
    // Numbers without grouping, in the file's decimals; goods sold by weight
    // in kilograms (and their price per kilogram).
    job.format = [](const QSqlQuery &q, const CsvFormat &csv) {
        const StockRow r = rowFrom(q);
        return QStringList {r.plu,
                            r.barcode,
                            r.name,
                            r.shopName,
                            csv.quantity(r.shelfQty, r.soldByWeight),
                            csv.quantity(r.orderQty, r.soldByWeight),
                            CsvFormat::unit(r.soldByWeight),
                            csv.money(r.price),
                            csv.time(r.updatedAt)};
    };
    return job;
}

QString StockStore::listSql(const StockFilter &filter, const StockOrder &order,
                            QVariantList *values)
{
    return u"SELECT %1 FROM stocks s JOIN shops sh ON sh.id = s.shop_id %2 %3"_s.arg(
        kColumns, filter.whereClause(values), order.orderBy());
}

Result<StockRow> StockStore::create(const Actor &actor, const QString &plu, qint64 shopId,
                                    int shelfQty, int orderQty)
{
    if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
        return *refused;
    if (shelfQty < 0 || shelfQty > kMaxQuantity)
        return StoreError::invalid(
            u"quantity_on_shelf"_s,
            tr("The shelf quantity must be between 0 and %1.").arg(kMaxQuantity));
    if (orderQty < 0 || orderQty > kMaxQuantity)
        return StoreError::invalid(
            u"quantity_in_order"_s,
            tr("The order quantity must be between 0 and %1.").arg(kMaxQuantity));
    auto product =
        Sql::scalar(m_db, u"SELECT (SELECT active FROM products WHERE plu = ?)"_s, {plu});
    if (!product)
        return product.error();
    if (product.value().isNull())
        return StoreError::notFound(tr("There is no product with PLU %1.").arg(plu));
    if (!product.value().toBool() && (shelfQty > 0 || orderQty > 0))
        return archivedRefusal(plu);
    auto shop = Sql::scalar(m_db, u"SELECT count(*) FROM shops WHERE id = ?"_s, {shopId});
    if (!shop)
        return shop.error();
    if (shop.value().toInt() == 0)
        return StoreError::notFound(tr("There is no shop with id %1.").arg(shopId));

    auto q = Sql::run(
        m_db,
        u"WITH args AS (SELECT :plu::text AS plu, :shop::bigint AS shop, :shelf::int AS shelf, "
        "  :ord::int AS ord, nullif(:staff::bigint, 0) AS staff), "
        "made AS (INSERT INTO stocks (product_id, shop_id, shelf_qty, order_qty) "
        "  SELECT p.id, a.shop, a.shelf, a.ord FROM products p, args a WHERE p.plu = a.plu "
        "  ON CONFLICT (product_id, shop_id) DO NOTHING RETURNING *), "
        "logged AS (INSERT INTO history (shop_id, product_id, plu, action, shelf_delta, "
        "  order_delta, shelf_after, order_after, staff_id) "
        "  SELECT m.shop_id, m.product_id, m.plu, 'stock_created', m.shelf_qty, "
        "  m.order_qty, m.shelf_qty, m.order_qty, a.staff FROM made m, args a RETURNING id), "
        "queued AS (INSERT INTO outbox (event_type, payload) "
        "  SELECT 'stock.created', jsonb_build_object('plu', m.plu, 'shop_id', m.shop_id, "
        "  'shop_code', (SELECT code FROM shops WHERE id = m.shop_id), "
        "  'quantity_on_shelf', m.shelf_qty, 'quantity_in_order', m.order_qty, "
        "  'staff_id', a.staff, 'history_id', (SELECT id FROM logged)) "
        "  FROM made m, args a RETURNING id) "
        "SELECT m.id, m.product_id, m.shop_id, m.plu, m.product_name, sh.name, "
        "  m.shelf_qty, m.order_qty, m.price, m.updated_at, m.sold_by_weight, "
        "  (SELECT barcode FROM products WHERE id = m.product_id) "
        "FROM made m JOIN shops sh ON sh.id = m.shop_id"_s,
        {{u":plu"_s, plu},
         {u":shop"_s, shopId},
         {u":shelf"_s, shelfQty},
         {u":ord"_s, orderQty},
         {u":staff"_s, actor.staffId}});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::conflict(tr("PLU %1 already has stock in this shop; increase or "
                                       "decrease it instead.")
                                        .arg(plu));
    return rowFrom(q.value());
}

StoreError StockStore::archivedRefusal(const QString &plu)
{
    return StoreError::conflict(
        tr("PLU %1 is archived: its stock cannot be increased. Make it active again first.")
            .arg(plu),
        u"plu"_s);
}

Result<StockRow> StockStore::increase(const Actor &actor, const StockAdjustment &adjustment)
{
    return adjust(actor, adjustment, true);
}

Result<StockRow> StockStore::decrease(const Actor &actor, const StockAdjustment &adjustment)
{
    return adjust(actor, adjustment, false);
}

Result<StockRow> StockStore::adjust(const Actor &actor, const StockAdjustment &a, bool increase)
{
    if (a.amount <= 0 || a.amount > kMaxAmount)
        return StoreError::invalid(
            u"amount"_s, tr("The amount must be a whole number from 1 to %1.").arg(kMaxAmount));
    Change change;
    change.shopId = a.shopId;
    change.plu = a.plu;
    const int delta = increase ? a.amount : -a.amount;
    (a.quantity == StockQuantity::Shelf ? change.shelfDelta : change.orderDelta) = delta;
    change.action = increase ? u"stock_increased"_s : u"stock_decreased"_s;
    change.reason = a.reason;
    if (increase) {
        // An archived product is not received any more; selling off or
        // writing off what is left stays possible.
        if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
            return *refused;
        auto active =
            Sql::scalar(m_db, u"SELECT (SELECT active FROM products WHERE plu = ?)"_s, {a.plu});
        if (!active)
            return active.error();
        if (!active.value().isNull() && !active.value().toBool())
            return archivedRefusal(a.plu);
    }
    return apply(actor, change, Permission::AdjustStock);
}

namespace {

// What every stock change statement does after its UPDATE: `changed` holds
// the updated rows (s.*) with the change's n, ds, dord, action, reason,
// staff, order_id, approved_by and document_id; each gets a history row and
// an outbox event.
QString stockChangeStatement(const QString &argsAndChanged, const QString &finalSelect)
{
    return u"WITH %1, "
           "logged AS (INSERT INTO history (shop_id, product_id, plu, action, shelf_delta, "
           "    order_delta, shelf_after, order_after, staff_id, approved_by, order_id, reason, "
           "    document_id) "
           "  SELECT c.shop_id, c.product_id, c.plu, c.action, c.ds, c.dord, c.shelf_qty, "
           "    c.order_qty, c.staff, c.approved_by, c.order_id, c.reason, c.document_id "
           "  FROM changed c "
           "  ORDER BY c.n RETURNING id, at, shop_id, plu), "
           "queued AS (INSERT INTO outbox (event_type, payload) "
           "  SELECT 'stock.changed', jsonb_build_object('plu', c.plu, 'shop_id', c.shop_id, "
           "    'shop_code', (SELECT code FROM shops WHERE id = c.shop_id), 'action', c.action, "
           "    'shelf_delta', c.ds, 'order_delta', c.dord, 'quantity_on_shelf', c.shelf_qty, "
           "    'quantity_in_order', c.order_qty, 'reason', c.reason, 'staff_id', c.staff, "
           "    'order_id', c.order_id, 'history_id', l.id, 'at', l.at) "
           "  FROM changed c JOIN logged l ON l.shop_id = c.shop_id AND l.plu = c.plu "
           "  ORDER BY c.n RETURNING id) "
           "SELECT c.id, c.product_id, c.shop_id, c.plu, c.product_name, sh.name, c.shelf_qty, "
           "  c.order_qty, c.price, c.updated_at, c.sold_by_weight, "
           "  (SELECT barcode FROM products WHERE id = c.product_id) %2"_s.arg(argsAndChanged,
                                                                               finalSelect);
}

// The UPDATE of one stock row per `args` row; both quantities stay within
// bounds, re-checked after waiting for a concurrent change's lock. The
// statement binds :staff, who made the change.
QString changedCte(const QString &extraFrom, const QString &extraWhere)
{
    return u"changed AS (UPDATE stocks s SET shelf_qty = s.shelf_qty + a.ds, "
           "    order_qty = s.order_qty + a.dord, updated_at = now() "
           "  FROM args a%1 WHERE s.shop_id = a.shop AND s.plu = a.plu%2 "
           "    AND s.shelf_qty + a.ds BETWEEN 0 AND %3 AND s.order_qty + a.dord BETWEEN 0 AND %3 "
           "  RETURNING s.*, a.n, a.ds, a.dord, a.action, a.reason, "
           "    nullif(:staff::bigint, 0) AS staff, "
           "    nullif(a.order_id, 0) AS order_id, nullif(a.approved_by, 0) AS approved_by, "
           "    nullif(a.document_id, 0) AS document_id)"_s.arg(extraFrom, extraWhere)
               .arg(StockStore::kMaxQuantity);
}

} // namespace

Result<StockRow> StockStore::apply(const Actor &actor, const Change &c, Permission permission)
{
    if (auto refused = checkPermission(actor.role, permission))
        return *refused;
    if (auto invalid = validate(c))
        return *invalid;

    // One statement, one transaction: the row lock taken by the UPDATE orders
    // concurrent changes, and the WHERE clause re-checked after the wait keeps
    // both quantities within bounds. Nothing is inserted if nothing was updated.
    static const QString sql = stockChangeStatement(
        u"args AS (SELECT :shop::bigint AS shop, :plu::text AS plu, :shelf_delta::int AS ds, "
        "  :order_delta::int AS dord, :action::text AS action, coalesce(:reason::text, '') AS "
        "reason, "
        "  :order_id::bigint AS order_id, :approved_by::bigint AS approved_by, "
        "  :document_id::bigint AS document_id, 1 AS n), "_s +
            changedCte({}, {}),
        u"FROM changed c JOIN shops sh ON sh.id = c.shop_id"_s);
    auto q = Sql::run(m_db, sql,
                      {{u":shop"_s, c.shopId},
                       {u":plu"_s, c.plu},
                       {u":shelf_delta"_s, c.shelfDelta},
                       {u":order_delta"_s, c.orderDelta},
                       {u":action"_s, c.action},
                       {u":reason"_s, c.reason},
                       {u":order_id"_s, c.orderId},
                       {u":approved_by"_s, c.approvedBy},
                       {u":document_id"_s, c.documentId},
                       {u":staff"_s, actor.staffId}});
    if (!q)
        return q.error();
    if (q.value().next())
        return rowFrom(q.value());
    return whyRefused(c);
}

std::optional<StoreError> StockStore::validate(const Change &c)
{
    if (c.plu.isEmpty())
        return StoreError::invalid(u"plu"_s, tr("Give the product's PLU."));
    if (c.shopId <= 0)
        return StoreError::invalid(u"shop_id"_s, tr("Give the shop."));
    if (c.reason.size() > 500)
        return StoreError::invalid(u"reason"_s, tr("The reason must be at most 500 characters."));
    return std::nullopt;
}

Result<QList<StockRow>> StockStore::applyAll(const Actor &actor, const QList<Change> &changes,
                                             Permission permission)
{
    if (auto refused = checkPermission(actor.role, permission))
        return *refused;
    if (changes.isEmpty())
        return QList<StockRow>();
    QList<qint64> shops, orders, approvers, documents;
    QList<qint64> shelfDeltas, orderDeltas;
    QStringList plus, actions, reasons;
    QSet<QPair<qint64, QString>> seen;
    for (const Change &c : changes) {
        if (auto invalid = validate(c))
            return *invalid;
        // One row can be updated only once per statement: a second change of
        // the same stock would be silently dropped.
        const QPair<qint64, QString> stock {c.shopId, c.plu};
        if (seen.contains(stock))
            return StoreError::invalid(u"plu"_s,
                                       tr("PLU %1 appears twice; add the quantities "
                                          "into one line.")
                                           .arg(c.plu));
        seen.insert(stock);
        shops << c.shopId;
        plus << c.plu;
        shelfDeltas << c.shelfDelta;
        orderDeltas << c.orderDelta;
        actions << c.action;
        reasons << c.reason;
        orders << c.orderId;
        approvers << c.approvedBy;
        documents << c.documentId;
    }

    // One statement: it locks the rows in id order (so two batches cannot
    // deadlock), applies every change, and fails as a whole, writing
    // nothing, unless every change kept its quantities within bounds. The
    // check sits on a row of its own so it runs even when nothing changed.
    static const QString sql = stockChangeStatement(
        u"args AS (SELECT * FROM unnest(:shops::bigint[], :plus::text[], "
        "    :shelf_deltas::int[], :order_deltas::int[], :actions::text[], :reasons::text[], "
        "    :order_ids::bigint[], :approvers::bigint[], :documents::bigint[]) WITH ORDINALITY "
        "    AS a(shop, plu, ds, dord, action, reason, order_id, approved_by, document_id, n)), "
        "locked AS (SELECT s.id FROM stocks s JOIN args a ON s.shop_id = a.shop "
        "  AND s.plu = a.plu ORDER BY s.id FOR UPDATE OF s), "_s +
            changedCte(u", locked l"_s, u" AND l.id = s.id"_s) +
            // The first line left out, with its quantities as the statement
            // saw them (the changes above are not visible to it).
            u", missing AS (SELECT a.n, s.shelf_qty, s.order_qty, s.sold_by_weight FROM args a "
            "  LEFT JOIN stocks s ON s.shop_id = a.shop AND s.plu = a.plu "
            "  WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE c.n = a.n) "
            "  ORDER BY a.n LIMIT 1)"_s,
        u"FROM (SELECT shopdesk_all_applied((SELECT count(*) FROM args), "
        "  (SELECT count(*) FROM changed), (SELECT count(*) FROM queued), "
        "  (SELECT n FROM missing), (SELECT shelf_qty FROM missing), "
        "  (SELECT order_qty FROM missing), (SELECT sold_by_weight FROM missing)) AS ok) checked "
        "LEFT JOIN (changed c JOIN shops sh ON sh.id = c.shop_id) ON checked.ok "
        "ORDER BY c.n"_s);
    auto q = Sql::run(m_db, sql,
                      {{u":shops"_s, PgArray::integers(shops)},
                       {u":plus"_s, PgArray::text(plus)},
                       {u":shelf_deltas"_s, PgArray::integers(shelfDeltas)},
                       {u":order_deltas"_s, PgArray::integers(orderDeltas)},
                       {u":actions"_s, PgArray::text(actions)},
                       {u":reasons"_s, PgArray::text(reasons)},
                       {u":order_ids"_s, PgArray::integers(orders)},
                       {u":approvers"_s, PgArray::integers(approvers)},
                       {u":documents"_s, PgArray::integers(documents)},
                       {u":staff"_s, actor.staffId}});
    if (q) {
        QList<StockRow> rows;
        while (q.value().next())
            rows.append(rowFrom(q.value()));
        if (rows.size() == changes.size())
            return rows;
        return StoreError::database(
            tr("Only %1 of %Ln stock change(s) came back; check the stock list before trying "
               "again.",
               nullptr, int(changes.size()))
                .arg(QLocale().toString(rows.size())));
    }
    if (q.error().sqlState != QLatin1String(kNotAllAppliedState))
        return q.error();
    // The message carries the line and its quantities: nothing more can be
    // read when the caller's transaction was aborted by the refusal.
    static const QRegularExpression line(
        u"line (\\d+) does not fit \\(shelf (\\w+), order (\\w+), by weight (\\w+)\\)"_s);
    const auto match = line.match(q.error().message);
    const int n = match.hasMatch() ? match.captured(1).toInt() : 0;
    if (n < 1 || n > changes.size())
        return StoreError::conflict(tr("The stock changed while this was being saved; try again."));
    const Change &c = changes.at(n - 1);
    if (match.captured(2) == u"none"_s)
        return StoreError::notFound(tr("PLU %1 has no stock in this shop.").arg(c.plu));
    return refusal(c, match.captured(2).toInt(), match.captured(3).toInt(),
                   match.captured(4) == u"true"_s);
}

StoreError StockStore::refusal(const Change &c, int shelfQty, int orderQty, bool soldByWeight)
{
    const auto amount = [soldByWeight](qint64 units) {
        return Quantity::plain(units, soldByWeight);
    };
    if (shelfQty + c.shelfDelta < 0)
        return StoreError::conflict(tr("Only %1 of PLU %2 on the shelf; cannot take %3.")
                                        .arg(amount(shelfQty), c.plu, amount(-c.shelfDelta)),
                                    u"amount"_s);
    if (orderQty + c.orderDelta < 0)
        return StoreError::conflict(tr("Only %1 of PLU %2 held in orders; cannot take %3.")
                                        .arg(amount(orderQty), c.plu, amount(-c.orderDelta)),
                                    u"amount"_s);
    if (qint64(shelfQty) + c.shelfDelta > kMaxQuantity ||
        qint64(orderQty) + c.orderDelta > kMaxQuantity)
        return StoreError::conflict(tr("That would make the quantity of PLU %1 larger than %2.")
                                        .arg(c.plu)
                                        .arg(kMaxQuantity),
                                    u"amount"_s);
    // It fits now: another till changed the stock in between.
    return StoreError::conflict(tr("The stock changed while this was being saved; try again."));
}

StoreError StockStore::whyRefused(const Change &c) const
{
    // Nothing changed: say why, with the quantities as they are now.
    auto current = find(c.shopId, c.plu);
    if (!current)
        return current.error();
    if (!current.value())
        return StoreError::notFound(tr("PLU %1 has no stock in this shop.").arg(c.plu));
    return refusal(c, current.value()->shelfQty, current.value()->orderQty,
                   current.value()->soldByWeight);
}

Result<std::optional<StockRow>> StockStore::find(qint64 shopId, const QString &plu) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM stocks s JOIN shops sh ON sh.id = s.shop_id "
                      "WHERE s.shop_id = ? AND s.plu = ?"_s.arg(kColumns),
                      {shopId, plu});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<StockRow>();
    return std::optional<StockRow>(rowFrom(q.value()));
}

Result<qint64> StockStore::count(const StockFilter &filter) const
{
    if (auto invalid = filter.validate())
        return *invalid;
    QVariantList values;
    const QString where = filter.whereClause(&values);
    auto n = Sql::scalar(m_db, u"SELECT count(*) FROM stocks s %1"_s.arg(where), values);
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

Result<QList<StockRow>> StockStore::list(const StockFilter &filter, const StockOrder &order,
                                         qint64 offset, int limit) const
{
    if (auto invalid = filter.validate())
        return *invalid;
    QVariantList values;
    QString sql = listSql(filter, order, &values) + u" LIMIT ? OFFSET ?"_s;
    values << qBound(1, limit, 10000) << qMax<qint64>(0, offset);
    auto q = Sql::run(m_db, sql, values);
    if (!q)
        return q.error();
    QList<StockRow> rows;
    while (q.value().next())
        rows.append(rowFrom(q.value()));
    return rows;
}

StockStore::Keyset::Key StockStore::Keyset::keyFor(const StockFilter &filter)
{
    if (filter.shopId && filter.plu.isEmpty() && (filter.shelfMin || filter.shelfMax))
        return Key::Shelf; // index stocks_shop_shelf (shop_id, shelf_qty, id)
    if (filter.shopId && filter.plu.isEmpty() && (filter.orderMin || filter.orderMax))
        return Key::Order; // index stocks_shop_order (shop_id, order_qty, id)
    return Key::Id;
}

qint64 StockStore::Keyset::keyOf(const StockRow &row) const
{
    switch (key) {
    case Key::Shelf:
        return row.shelfQty;
    case Key::Order:
        return row.orderQty;
    case Key::Id:
        break;
    }
    return row.id;
}

Result<QList<StockRow>> StockStore::page(const StockFilter &filter, const Keyset &keyset,
                                         int limit) const
{
    if (auto invalid = filter.validate())
        return *invalid;
    QVariantList values;
    QString where = filter.whereClause(&values);
    const QString key = keyset.key == Keyset::Key::Shelf ? u"s.shelf_qty"_s
        : keyset.key == Keyset::Key::Order               ? u"s.order_qty"_s
                                                         : u"s.id"_s;
    if (keyset.after) {
        where += (where.isEmpty() ? u"WHERE "_s : u" AND "_s) + u"(%1, s.id) > (?, ?)"_s.arg(key);
        values << keyset.after->first << keyset.after->second;
    }
    values << qBound(1, limit, 10000);
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM stocks s JOIN shops sh ON sh.id = s.shop_id %2 "
                      "ORDER BY %3, s.id LIMIT ?"_s.arg(kColumns, where, key),
                      values);
    if (!q)
        return q.error();
    QList<StockRow> rows;
    while (q.value().next())
        rows.append(rowFrom(q.value()));
    return rows;
}

} // namespace shopdesk
