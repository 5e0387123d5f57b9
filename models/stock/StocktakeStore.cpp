#include "StocktakeStore.h"

#include "StockStore.h"
#include "models/core/Permissions.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

StocktakeLine lineFromQuery(const QSqlQuery &q)
{
    return StocktakeLine {q.value(0).toString(), q.value(1).toString(),   q.value(2).toInt(),
                          q.value(3).toInt(),    q.value(4).toDateTime(), q.value(5).toInt(),
                          q.value(6).toBool()};
}

} // namespace

Result<qint64> StocktakeStore::start(const Actor &actor, qint64 shopId)
{
    if (auto refused = checkPermission(actor.role, Permission::Stocktake))
        return *refused;
    auto id = Sql::run(m_db,
                       u"INSERT INTO stocktakes (shop_id, started_by) VALUES (?, ?) "
                       "ON CONFLICT (shop_id) WHERE status = 'open' DO NOTHING RETURNING id"_s,
                       {shopId, actor.staffId});
    if (!id) {
        if (id.error().isForeignKeyViolation())
            return StoreError::notFound(tr("There is no shop with id %1.").arg(shopId));
        return id.error();
    }
    if (!id.value().next())
        return StoreError::conflict(tr("A stocktake is already open in this shop; continue it or "
                                       "close it first."));
    return id.value().value(0).toLongLong();
}

Result<std::optional<qint64>> StocktakeStore::openFor(qint64 shopId) const
{
    auto q = Sql::run(m_db, u"SELECT id FROM stocktakes WHERE shop_id = ? AND status = 'open'"_s,
                      {shopId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value().value(0).toLongLong());
}

Result<StocktakeLine> StocktakeStore::count(const Actor &actor, qint64 stocktakeId,
                                            const QString &plu, int countedQty, CountMode mode)
{
    if (auto refused = checkPermission(actor.role, Permission::Stocktake))
        return *refused;
    if (countedQty < 0 || countedQty > StockStore::kMaxQuantity)
        return StoreError::invalid(u"counted_qty"_s, tr("The counted quantity must be 0 or more."));
    // The shelf quantity is read in the same statement that records the
    // count; a count added to a line keeps that line's first expectation.
    // A sum above the largest quantity changes nothing (no row comes back).
    auto q = Sql::run(
        m_db,
        u"WITH args AS (SELECT :take::bigint AS take, :plu::text AS plu, :qty::int AS qty, "
        "  :staff::bigint AS staff), "
        "target AS (SELECT s.id, s.shelf_qty FROM stocks s "
        "  JOIN stocktakes t ON t.shop_id = s.shop_id, args a "
        "  WHERE t.id = a.take AND t.status = 'open' AND s.plu = a.plu), "
        "saved AS (INSERT INTO stocktake_lines AS l (stocktake_id, stock_id, counted_qty, "
        "    expected_qty, counted_by) "
        "  SELECT a.take, t.id, a.qty, t.shelf_qty, a.staff FROM target t, args a "
        "  ON CONFLICT (stocktake_id, stock_id) DO UPDATE SET "
        "    counted_qty = CASE WHEN :replace THEN excluded.counted_qty "
        "      ELSE l.counted_qty + excluded.counted_qty END, "
        "    expected_qty = CASE WHEN :replace THEN excluded.expected_qty "
        "      ELSE l.expected_qty END, "
        "    counted_at = clock_timestamp(), counted_by = excluded.counted_by "
        "  WHERE :replace OR l.counted_qty::bigint + excluded.counted_qty <= :max "
        "  RETURNING *) "
        "SELECT s.plu, s.product_name, v.counted_qty, v.expected_qty, v.counted_at, "
        "  s.shelf_qty, s.sold_by_weight FROM saved v JOIN stocks s ON s.id = v.stock_id"_s,
        {{u":take"_s, stocktakeId},
         {u":plu"_s, plu},
         {u":qty"_s, countedQty},
         {u":staff"_s, actor.staffId},
         {u":replace"_s, mode == CountMode::Replace},
         {u":max"_s, StockStore::kMaxQuantity}});
    if (!q)
        return q.error();
    if (q.value().next())
        return lineFromQuery(q.value());
    auto state = Sql::run(m_db,
                          u"SELECT t.status = 'open', "
                          "  EXISTS (SELECT 1 FROM stocktake_lines l JOIN stocks s "
                          "    ON s.id = l.stock_id WHERE l.stocktake_id = t.id AND s.plu = ?) "
                          "FROM stocktakes t WHERE t.id = ?"_s,
                          {plu, stocktakeId});
    if (!state)
        return state.error();
    if (!state.value().next() || !state.value().value(0).toBool())
        return StoreError::conflict(tr("This stocktake is closed; start a new one."));
    if (state.value().value(1).toBool())
        return StoreError::invalid(u"counted_qty"_s,
                                   tr("PLU %1 would be counted above %2; correct the line with "
                                      "Replace instead.")
                                       .arg(plu)
                                       .arg(StockStore::kMaxQuantity));
    return StoreError::notFound(tr("PLU %1 has no stock in this shop.").arg(plu));
}

Result<QList<StocktakeLine>> StocktakeStore::lines(qint64 stocktakeId) const
{
    auto q = Sql::run(m_db,
                      u"SELECT s.plu, s.product_name, l.counted_qty, l.expected_qty, l.counted_at, "
                      "  s.shelf_qty, s.sold_by_weight "
                      "FROM stocktake_lines l JOIN stocks s ON s.id = l.stock_id "
                      "WHERE l.stocktake_id = ? ORDER BY l.counted_at DESC, l.id DESC"_s,
                      {stocktakeId});
    if (!q)
        return q.error();
    QList<StocktakeLine> result;
    while (q.value().next())
        result.append(lineFromQuery(q.value()));
    return result;
}

Result<QList<StocktakeVarianceLine>> StocktakeStore::variance(qint64 stocktakeId) const
{
    auto q = Sql::run(m_db,
                      u"SELECT s.plu, s.product_name, s.sold_by_weight, l.expected_qty, "
                      "  l.counted_qty, s.price "
                      "FROM stocktake_lines l JOIN stocks s ON s.id = l.stock_id "
                      "WHERE l.stocktake_id = ? ORDER BY s.plu, s.id"_s,
                      {stocktakeId});
    if (!q)
        return q.error();
    QList<StocktakeVarianceLine> sheet;
    while (q.value().next()) {
        StocktakeVarianceLine line;
        line.plu = q.value().value(0).toString();
        line.name = q.value().value(1).toString();
        line.soldByWeight = q.value().value(2).toBool();
        line.expectedQty = q.value().value(3).toInt();
        line.countedQty = q.value().value(4).toInt();
        line.price = q.value().value(5).toLongLong();
        sheet.append(line);
    }
    return sheet;
}

Result<StocktakeSummary> StocktakeStore::commit(const Actor &actor, qint64 stocktakeId)
{
    if (auto refused = checkPermission(actor.role, Permission::Stocktake))
        return *refused;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();

    auto closed = Sql::run(m_db,
                           u"UPDATE stocktakes SET status = 'committed', closed_by = ?, "
                           "closed_at = now() WHERE id = ? AND status = 'open' RETURNING shop_id"_s,
                           {actor.staffId, stocktakeId});
    if (!closed)
        return closed.error();
    if (!closed.value().next())
        return StoreError::conflict(tr("This stocktake is already closed."));
    const qint64 shopId = closed.value().value(0).toLongLong();

    // Lock the counted stock rows, in a fixed order so two commits cannot deadlock.
    auto counted = Sql::run(m_db,
                            u"SELECT s.plu, l.counted_qty, l.expected_qty, s.shelf_qty "
                            "FROM stocktake_lines l JOIN stocks s ON s.id = l.stock_id "
                            "WHERE l.stocktake_id = ? ORDER BY s.id FOR UPDATE OF s"_s,
                            {stocktakeId});
    if (!counted)
        return counted.error();

    StocktakeSummary summary;
    StockStore stock(m_db);
    QSqlQuery &rows = counted.value();
    QList<StockStore::Change> changes;
    while (rows.next()) {
        ++summary.lines;
        const int countedQty = rows.value(1).toInt();
        const int expected = rows.value(2).toInt();
        const int now = rows.value(3).toInt();
        // The count plus whatever happened since it was taken; never below zero.
        const int delta = qMax(countedQty - expected, -now);
        if (delta == 0)
            continue;
        StockStore::Change change;
        change.shopId = shopId;
        change.plu = rows.value(0).toString();
        change.shelfDelta = delta;
        change.action = u"stocktake"_s;
        change.reason = tr("Stocktake %1: counted %2, the system had %3 at the count")
                            .arg(stocktakeId)
                            .arg(countedQty)
                            .arg(expected);
        changes.append(change);
    }
    // Every correction in one statement, while the rows stay locked.
    auto applied = stock.applyAll(actor, changes, Permission::Stocktake);
    if (!applied)
        return applied.error();
    for (const StockStore::Change &change : std::as_const(changes)) {
        ++summary.corrected;
        summary.netChange += change.shelfDelta;
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return summary;
}

Result<void> StocktakeStore::cancel(const Actor &actor, qint64 stocktakeId)
{
    if (auto refused = checkPermission(actor.role, Permission::Stocktake))
        return *refused;
    auto closed = Sql::run(m_db,
                           u"UPDATE stocktakes SET status = 'cancelled', closed_by = ?, "
                           "closed_at = now() WHERE id = ? AND status = 'open' RETURNING id"_s,
                           {actor.staffId, stocktakeId});
    if (!closed)
        return closed.error();
    if (!closed.value().next())
        return StoreError::conflict(tr("This stocktake is already closed."));
    return {};
}

} // namespace shopdesk
