#include "PriceStore.h"

#include "ProductStore.h"
#include "models/core/Permissions.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/labels/LabelQueueStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The SELECT list of a price row and its reading, side by side.
const QString kPriceColumns =
    u"pp.id, pp.price, lag(pp.price) OVER (ORDER BY pp.valid_from), pp.valid_from, "
    "pp.valid_from > now(), coalesce(s.display_name, ''), pp.reason, pp.created_at"_s;

PriceEntry entryFrom(const QSqlQuery &q)
{
    PriceEntry e;
    e.id = q.value(0).toLongLong();
    e.price = q.value(1).toLongLong();
    if (!q.value(2).isNull())
        e.previous = q.value(2).toLongLong();
    e.validFrom = q.value(3).toDateTime();
    e.scheduled = q.value(4).toBool();
    e.staffName = q.value(5).toString();
    e.reason = q.value(6).toString();
    e.createdAt = q.value(7).toDateTime();
    return e;
}

} // namespace

Result<PriceEntry> PriceStore::schedule(const Actor &actor, const ScheduledPrice &price)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (price.price < 0 || price.price > ProductStore::kMaxPrice)
        return StoreError::invalid(u"price"_s, tr("The price must be between 0 and 100,000,000."));
    if (!price.validFrom.isValid())
        return StoreError::invalid(u"valid_from"_s, tr("Give the date and time the price starts."));
    if (price.reason.size() > 500)
        return StoreError::invalid(u"reason"_s, tr("The reason must be at most 500 characters."));

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // The product's row is locked so a price edit and a schedule of one
    // product follow each other.
    auto product = Sql::run(m_db,
                            u"SELECT id, :from::timestamptz > now(), EXISTS (SELECT 1 FROM "
                            "  product_prices WHERE product_id = p.id AND valid_from = "
                            "  :from::timestamptz) FROM products p WHERE plu = :plu FOR UPDATE"_s,
                            {{u":from"_s, price.validFrom.toUTC()}, {u":plu"_s, price.plu}});
    if (!product)
        return product.error();
    if (!product.value().next())
        return StoreError::invalid(u"plu"_s, tr("There is no product with PLU %1.").arg(price.plu));
    const qint64 productId = product.value().value(0).toLongLong();
    // The database's clock decides, as it does for the sale.
    if (!product.value().value(1).toBool())
        return StoreError::invalid(u"valid_from"_s,
                                   tr("A price can only be scheduled from a later moment; "
                                      "change the price itself to change it now."));
    if (product.value().value(2).toBool())
        return StoreError::invalid(u"valid_from"_s,
                                   tr("PLU %1 already has a price from that moment; choose "
                                      "another time.")
                                       .arg(price.plu));
    auto q = Sql::run(m_db,
                      u"WITH made AS (INSERT INTO product_prices (product_id, price, valid_from, "
                      "  staff_id, reason) VALUES (:product, :price, :from::timestamptz, "
                      "  nullif(:staff::bigint, 0), coalesce(:reason::text, '')) RETURNING *) "
                      "SELECT id FROM made"_s,
                      {{u":product"_s, productId},
                       {u":price"_s, price.price},
                       {u":from"_s, price.validFrom.toUTC()},
                       {u":staff"_s, actor.staffId},
                       {u":reason"_s, price.reason.trimmed()}});
    if (!q)
        return q.error();
    q.value().next();
    const qint64 id = q.value().value(0).toLongLong();
    // The product changed for whoever follows the catalog: the feed (keyset
    // on updated_at) sends it again with its new schedule.
    if (auto touched =
            Sql::run(m_db, u"UPDATE products SET updated_at = now() WHERE id = ?"_s, {productId});
        !touched)
        return touched.error();
    // Its "from" tag can be printed ahead, to go up when the price starts.
    if (auto queued =
            LabelQueueStore::enqueue(m_db, productId, price.validFrom.toUTC(),
                                     LabelReason::PriceScheduled, price.price, actor.staffId);
        !queued)
        return queued.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    auto all = list(price.plu);
    if (!all)
        return all.error();
    for (const PriceEntry &e : all.value())
        if (e.id == id)
            return e;
    return StoreError::notFound(tr("The scheduled price is gone."));
}

Result<PriceEntry> PriceStore::cancelScheduled(const Actor &actor, const QString &plu,
                                               const QDateTime &validFrom, const QString &reason)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (!validFrom.isValid())
        return StoreError::invalid(u"valid_from"_s,
                                   tr("Give the date and time the scheduled price starts."));
    if (reason.size() > 500)
        return StoreError::invalid(u"reason"_s, tr("The reason must be at most 500 characters."));

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // As schedule(): the product's row is locked, and the database's clock
    // says whether the price has started (then it is history, not a plan).
    auto found = Sql::run(m_db,
                          u"SELECT p.id, pp.id, pp.price, pp.valid_from > now(), pp.document_id "
                          "FROM products p LEFT JOIN product_prices pp ON pp.product_id = p.id "
                          "  AND pp.valid_from = :from::timestamptz "
                          "WHERE p.plu = :plu FOR UPDATE OF p"_s,
                          {{u":from"_s, validFrom.toUTC()}, {u":plu"_s, plu}});
    if (!found)
        return found.error();
    QSqlQuery &row = found.value();
    if (!row.next())
        return StoreError::invalid(u"plu"_s, tr("There is no product with PLU %1.").arg(plu));
    const qint64 productId = row.value(0).toLongLong();
    if (row.value(1).isNull())
        return StoreError::invalid(u"valid_from"_s,
                                   tr("PLU %1 has no price scheduled from that moment.").arg(plu));
    if (!row.value(3).toBool())
        return StoreError::invalid(u"valid_from"_s,
                                   tr("That price has already started; change the price "
                                      "itself instead."));
    if (!row.value(4).isNull())
        return StoreError::conflict(tr("Price-change document No. %1 set that price; it cannot "
                                       "be cancelled on its own.")
                                        .arg(row.value(4).toLongLong()),
                                    u"valid_from"_s);
    PriceEntry cancelled;
    cancelled.id = row.value(1).toLongLong();
    cancelled.price = row.value(2).toLongLong();
    cancelled.validFrom = validFrom.toUTC();
    cancelled.scheduled = true;
    cancelled.reason = reason.trimmed();

    // One statement: the price goes, the change and the history row stay,
    // and the product moves up the feed.
    const QString before = QString::fromUtf8(
        QJsonDocument(
            QJsonObject {
                {u"scheduled_price"_s,
                 QJsonObject {{u"price"_s, cancelled.price},
                              {u"valid_from"_s, cancelled.validFrom.toString(Qt::ISODateWithMs)}}}})
            .toJson(QJsonDocument::Compact));
    auto q = Sql::run(
        m_db,
        u"WITH gone AS (DELETE FROM product_prices WHERE id = :price RETURNING product_id), "
        "touched AS (UPDATE products p SET updated_at = now() FROM gone "
        "  WHERE p.id = gone.product_id RETURNING p.id, p.plu), "
        "changed AS (INSERT INTO product_changes (product_id, staff_id, reason, before, after) "
        "  SELECT id, nullif(:staff::bigint, 0), :reason, :before::jsonb, "
        "  '{\"scheduled_price\": null}'::jsonb FROM touched) "
        "INSERT INTO history (product_id, plu, action, staff_id, reason) "
        "  SELECT id, plu, 'product_changed', nullif(:staff::bigint, 0), :reason FROM touched"_s,
        {{u":price"_s, cancelled.id},
         {u":staff"_s, actor.staffId},
         {u":reason"_s, cancelled.reason},
         {u":before"_s, before}});
    if (!q)
        return q.error();
    if (auto withdrawn = LabelQueueStore::withdraw(m_db, productId, cancelled.validFrom);
        !withdrawn)
        return withdrawn.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return cancelled;
}

Result<QList<PriceEntry>> PriceStore::list(const QString &plu) const
{
    auto q = Sql::run(m_db,
                      u"SELECT * FROM (SELECT %1 FROM product_prices pp "
                      "  JOIN products p ON p.id = pp.product_id "
                      "  LEFT JOIN staff s ON s.id = pp.staff_id WHERE p.plu = ?) x "
                      "ORDER BY 4 DESC"_s.arg(kPriceColumns),
                      {plu});
    if (!q)
        return q.error();
    QList<PriceEntry> entries;
    while (q.value().next())
        entries.append(entryFrom(q.value()));
    return entries;
}

Result<qint64> PriceStore::priceAt(const QString &plu, const QDateTime &at) const
{
    auto v = Sql::scalar(
        m_db, u"SELECT (SELECT price_at(p, ?::timestamptz) FROM products p WHERE p.plu = ?)"_s,
        {at.toUTC(), plu});
    if (!v)
        return v.error();
    if (v.value().isNull())
        return StoreError::notFound(tr("There is no product with PLU %1.").arg(plu));
    return v.value().toLongLong();
}

Result<int> PriceStore::applyDue()
{
    auto v = Sql::scalar(m_db, u"SELECT apply_due_prices()"_s);
    if (!v)
        return v.error();
    return v.value().toInt();
}

} // namespace shopdesk
