#include "CatalogStore.h"

#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/labels/LabelQueueStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The price that holds now (in this transaction) of each product of the page
// the shop has, by id.
Result<QHash<qint64, qint64>> pricesNow(const QSqlDatabase &db, const QString &json)
{
    auto q = Sql::run(db,
                      u"SELECT p.id, price_at(p, now()) FROM products p WHERE p.plu IN "
                      "(SELECT plu FROM jsonb_to_recordset(?::jsonb) AS x(plu text))"_s,
                      {json});
    if (!q)
        return q.error();
    QHash<qint64, qint64> prices;
    while (q.value().next())
        prices.insert(q.value().value(0).toLongLong(), q.value().value(1).toLongLong());
    return prices;
}

} // namespace

Result<CatalogPage> CatalogStore::page(const std::optional<HistoryCursor> &since, int limit) const
{
    limit = std::clamp(limit, 1, kMaxPage);
    QVariantList values;
    QString where;
    if (since) {
        // Exact microseconds, so the row the cursor names is never repeated.
        where = u"WHERE (p.updated_at, p.id) > "
                "('epoch'::timestamptz + ?::bigint * interval '1 microsecond', ?)"_s;
        values << since->atMicros << since->id;
    }
    // updated_at is when its transaction began, not when it committed: a
    // product written by a transaction still open could later appear behind a
    // cursor already handed out. So a page stops short of the oldest
    // transaction still running in this database; what it leaves comes next time.
    where += (where.isEmpty() ? u"WHERE "_s : u" AND "_s) +
        u"p.updated_at < (SELECT coalesce(min(xact_start), now()) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid())"_s;
    values << limit + 1;
    // The price is the one that holds now (price_at), and the prices
    // scheduled after it come along: a shop charges from each moment what
    // central would, whenever it pulls.
    auto q =
        Sql::run(m_db,
                 u"SELECT p.id, p.plu, p.name, price_at(p, now()), coalesce(p.barcode, ''), "
                 "  p.sold_by_weight, (extract(epoch FROM p.updated_at) * 1000000)::bigint, "
                 "  to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
                 "  p.active, (SELECT coalesce(jsonb_agg(jsonb_build_object('price', pp.price, "
                 "    'valid_from', to_char(pp.valid_from AT TIME ZONE 'UTC', "
                 "    'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) ORDER BY pp.valid_from), '[]')::text "
                 "    FROM product_prices pp WHERE pp.product_id = p.id AND pp.valid_from > now() "
                 "    AND pp.valid_from > p.price_from) "
                 "FROM products p %1 ORDER BY p.updated_at, p.id LIMIT ?"_s.arg(where),
                 values);
    if (!q)
        return q.error();
    CatalogPage page;
    page.next = since;
    while (q.value().next()) {
        if (page.items.size() == limit) {
            page.hasMore = true;
            break;
        }
        const QSqlQuery &r = q.value();
        page.items.append(QJsonObject {
            {u"plu"_s, r.value(1).toString()},
            {u"name"_s, r.value(2).toString()},
            {u"price"_s, r.value(3).toLongLong()},
            {u"barcode"_s,
             r.value(4).toString().isEmpty() ? QJsonValue() : QJsonValue(r.value(4).toString())},
            {u"sold_by_weight"_s, r.value(5).toBool()},
            {u"active"_s, r.value(8).toBool()},
            {u"scheduled_prices"_s,
             QJsonDocument::fromJson(r.value(9).toString().toUtf8()).array()},
            {u"updated_at"_s, r.value(7).toString()}});
        page.next = HistoryCursor {r.value(6).toLongLong(), r.value(0).toLongLong()};
    }
    return page;
}

Result<CatalogApplied> CatalogStore::applyPage(const QJsonArray &items,
                                               const std::optional<HistoryCursor> &next)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    CatalogApplied applied;
    if (!items.isEmpty()) {
        const QString json = QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Compact));
        // Central owns the catalog: a barcode it gives to another PLU leaves
        // the local product that had it (or the page could never be taken).
        auto moved = Sql::run(
            m_db,
            u"WITH incoming AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(plu text, "
            "  barcode text)), "
            "cleared AS (UPDATE products p SET barcode = NULL, updated_at = now() "
            "  FROM incoming i WHERE p.barcode = nullif(i.barcode, '') AND p.plu <> i.plu "
            "  RETURNING p.id, p.plu, i.plu AS now_at) "
            "INSERT INTO history (product_id, plu, action, reason) "
            "  SELECT id, plu, 'product_changed', ? || now_at FROM cleared"_s,
            {json,
             QCoreApplication::translate("CatalogStore", "barcode moved by central to PLU ")});
        if (!moved)
            return moved.error();
        auto before = pricesNow(m_db, json);
        if (!before)
            return before.error();
        // Only rows that really differ are written, so a page seen twice
        // leaves no trace; `xmax = 0` tells an insert from an update. The
        // price is compared with the one that holds here now (a scheduled
        // one may hold before anything copied it), and written only when it
        // differs: a new price starts now and the schedule after it stays.
        // `active` is left as it is when the page does not say (an older
        // central).
        auto q = Sql::run(
            m_db,
            u"WITH incoming AS (SELECT * FROM jsonb_to_recordset(:items::jsonb) AS x(plu text, "
            "  name text, price bigint, barcode text, sold_by_weight boolean, active boolean)), "
            "changed AS (INSERT INTO products AS p (plu, name, price, barcode, sold_by_weight, "
            "  active) "
            "  SELECT plu, name, price, nullif(barcode, ''), coalesce(sold_by_weight, false), "
            "  coalesce(active, true) FROM incoming ON CONFLICT (plu) DO UPDATE SET "
            "  name = EXCLUDED.name, barcode = EXCLUDED.barcode, "
            "  price = CASE WHEN price_at(p, now()) IS DISTINCT FROM EXCLUDED.price "
            "    THEN EXCLUDED.price ELSE p.price END, "
            "  sold_by_weight = EXCLUDED.sold_by_weight, "
            "  active = coalesce((SELECT i.active FROM incoming i WHERE i.plu = EXCLUDED.plu), "
            "    p.active), updated_at = now() "
            "  WHERE (p.name, price_at(p, now()), p.barcode, p.sold_by_weight, p.active) "
            "  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.price, EXCLUDED.barcode, "
            "  EXCLUDED.sold_by_weight, coalesce((SELECT i.active FROM incoming i "
            "  WHERE i.plu = EXCLUDED.plu), p.active)) "
            "  RETURNING p.id, p.plu, xmax = 0 AS inserted), "
            "logged AS (INSERT INTO history (product_id, plu, action, reason) "
            "  SELECT id, plu, CASE WHEN inserted THEN 'product_created' "
            "  ELSE 'product_changed' END, :reason FROM changed RETURNING 1) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) "
            "FROM changed"_s,
            {{u":items"_s, json},
             {u":reason"_s, QCoreApplication::translate("CatalogStore", "catalog from central")}});
        if (!q)
            return q.error();
        q.value().next();
        applied.created = q.value().value(0).toInt();
        applied.changed = q.value().value(1).toInt();
        // A price central changed makes the shelf tag wrong from now: queue
        // a new one, in this transaction, as an edit here would.
        auto after = pricesNow(m_db, json);
        if (!after)
            return after.error();
        for (auto it = after.value().cbegin(); it != after.value().cend(); ++it) {
            const auto was = before.value().constFind(it.key());
            if (was == before.value().cend() || *was == it.value())
                continue;
            if (auto queued = LabelQueueStore::enqueue(m_db, it.key(), std::nullopt,
                                                       LabelReason::PriceChanged);
                !queued)
                return queued.error();
        }
        // A price central no longer schedules (cancelled there before it
        // started) goes here too, with its waiting "from" tag. Only for
        // items that carry a schedule (an older central sends none), and
        // never a price a price-change document of this shop set.
        auto withdrawn = Sql::run(
            m_db,
            u"WITH incoming AS (SELECT * FROM jsonb_to_recordset(:items::jsonb) AS x(plu text, "
            "  scheduled_prices jsonb) WHERE jsonb_typeof(scheduled_prices) = 'array'), "
            "gone AS (DELETE FROM product_prices pp USING incoming i, products p "
            "  WHERE p.plu = i.plu AND pp.product_id = p.id AND pp.valid_from > now() "
            "  AND pp.document_id IS NULL AND NOT EXISTS (SELECT 1 FROM "
            "  jsonb_to_recordset(i.scheduled_prices) AS s(valid_from timestamptz) "
            "  WHERE s.valid_from = pp.valid_from) "
            "  RETURNING pp.product_id, pp.valid_from), "
            "untagged AS (DELETE FROM label_queue l USING gone g WHERE l.product_id = g.product_id "
            "  AND l.valid_from = g.valid_from AND l.printed_at IS NULL) "
            "INSERT INTO history (product_id, plu, action, reason) "
            "  SELECT DISTINCT g.product_id, p.plu, 'product_changed', :reason FROM gone g "
            "  JOIN products p ON p.id = g.product_id"_s,
            {{u":items"_s, json},
             {u":reason"_s,
              QCoreApplication::translate("CatalogStore",
                                          "scheduled price cancelled by central")}});
        if (!withdrawn)
            return withdrawn.error();
        // The prices central scheduled, each from its moment (after the
        // price that holds here, which supersedes the ones before it). A
        // price already kept for that moment is corrected, never doubled.
        auto scheduled = Sql::run(
            m_db,
            u"WITH incoming AS (SELECT * FROM jsonb_to_recordset(:items::jsonb) AS x(plu text, "
            "  scheduled_prices jsonb)), "
            "due AS (SELECT p.id, s.price, s.valid_from FROM incoming i "
            "  JOIN products p ON p.plu = i.plu "
            "  CROSS JOIN LATERAL jsonb_to_recordset(CASE WHEN "
            "    jsonb_typeof(i.scheduled_prices) = 'array' THEN i.scheduled_prices "
            "    ELSE '[]'::jsonb END) AS s(price bigint, valid_from timestamptz) "
            "  WHERE s.valid_from > p.price_from), "
            "kept AS (INSERT INTO product_prices AS pp (product_id, price, valid_from, reason) "
            "  SELECT id, price, valid_from, :reason FROM due "
            "  ON CONFLICT (product_id, valid_from) DO UPDATE SET price = EXCLUDED.price, "
            "  reason = EXCLUDED.reason WHERE pp.price <> EXCLUDED.price "
            "  RETURNING pp.product_id, pp.price, pp.valid_from) "
            "SELECT product_id, price, valid_from FROM kept"_s,
            {{u":items"_s, json},
             {u":reason"_s, QCoreApplication::translate("CatalogStore", "catalog from central")}});
        if (!scheduled)
            return scheduled.error();
        // Each new or corrected one gets its "from" tag, printed ahead.
        struct Kept
        {
            qint64 productId;
            qint64 price;
            QDateTime validFrom;
        };
        QList<Kept> kept;
        while (scheduled.value().next())
            kept.append({scheduled.value().value(0).toLongLong(),
                         scheduled.value().value(1).toLongLong(),
                         scheduled.value().value(2).toDateTime().toUTC()});
        for (const Kept &k : kept) {
            if (auto queued = LabelQueueStore::enqueue(m_db, k.productId, k.validFrom,
                                                       LabelReason::PriceScheduled, k.price);
                !queued)
                return queued.error();
        }
        applied.scheduled = int(kept.size());
    }
    if (next) {
        auto saved = Sql::run(m_db,
                              u"INSERT INTO sync_state (name, value) VALUES (?, ?) "
                              "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, "
                              "updated_at = now()"_s,
                              {QString::fromLatin1(kCursorName), next->toToken()});
        if (!saved)
            return saved.error();
    }
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return applied;
}

Result<std::optional<HistoryCursor>> CatalogStore::cursor() const
{
    auto value = Sql::scalar(m_db, u"SELECT (SELECT value FROM sync_state WHERE name = ?)"_s,
                             {QString::fromLatin1(kCursorName)});
    if (!value)
        return value.error();
    if (value.value().isNull())
        return std::optional<HistoryCursor>();
    return HistoryCursor::fromToken(value.value().toString());
}

} // namespace shopdesk
