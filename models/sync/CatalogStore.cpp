#include "CatalogStore.h"

#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/labels/LabelQueueStore.h"
#include "models/promotions/PromoFeed.h"

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
Result<QHash<qint64, qint64>> pricesNow(const QSqlDatabase &db)
{
    auto q = Sql::run(db,
                      u"SELECT p.id, price_at(p, now()) FROM products p "
                      "JOIN catalog_incoming i ON i.plu = p.plu"_s);
    if (!q)
        return q.error();
    QHash<qint64, qint64> prices;
    while (q.value().next())
        prices.insert(q.value().value(0).toLongLong(), q.value().value(1).toLongLong());
    return prices;
}

// The page's items, parsed once into a table of this session that every
// statement of the apply reads (rather than each sending and parsing the
// page's JSON again). Emptied when the transaction ends. `category` is the
// shop's category with the item's central `category_id`; `has_category`
// says whether the item named one at all (an older central does not).
Result<void> loadIncoming(const QSqlDatabase &db, const QString &json)
{
    auto made =
        Sql::run(db,
                 u"CREATE TEMPORARY TABLE IF NOT EXISTS catalog_incoming (plu text PRIMARY KEY, "
                 "name text, price bigint, barcode text, sold_by_weight boolean, active boolean, "
                 "vat_code text, has_category boolean, category bigint, barcodes jsonb, "
                 "scheduled_prices jsonb) ON COMMIT DELETE ROWS"_s);
    if (!made)
        return made.error();
    auto loaded = Sql::run(
        db,
        u"INSERT INTO catalog_incoming SELECT x.plu, x.name, x.price, nullif(x.barcode, ''), "
        "  x.sold_by_weight, x.active, x.vat_code, e -> 'category_id' IS NOT NULL, "
        "  (SELECT c.id FROM categories c WHERE c.central_id = (e ->> 'category_id')::bigint), "
        "  CASE WHEN jsonb_typeof(e -> 'barcodes') = 'array' THEN e -> 'barcodes' END, "
        "  CASE WHEN jsonb_typeof(e -> 'scheduled_prices') = 'array' "
        "    THEN e -> 'scheduled_prices' END "
        "FROM jsonb_array_elements(?::jsonb) AS e CROSS JOIN LATERAL jsonb_to_record(e) AS "
        "  x(plu text, name text, price bigint, barcode text, sold_by_weight boolean, "
        "  active boolean, vat_code text)"_s,
        {json});
    if (!loaded)
        return loaded.error();
    return {};
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
                 "    AND pp.valid_from > p.price_from), p.vat_code, "
                 "  product_barcode_list(p.id)::text, p.category_id "
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
            {u"vat_code"_s, r.value(10).toString()},
            {u"barcodes"_s, QJsonDocument::fromJson(r.value(11).toString().toUtf8()).array()},
            {u"category_id"_s,
             r.value(12).isNull() ? QJsonValue() : QJsonValue(r.value(12).toLongLong())},
            {u"scheduled_prices"_s,
             QJsonDocument::fromJson(r.value(9).toString().toUtf8()).array()},
            {u"updated_at"_s, r.value(7).toString()}});
        page.next = HistoryCursor {r.value(6).toLongLong(), r.value(0).toLongLong()};
    }
    auto rates = Sql::run(m_db,
                          u"SELECT code, label, rate_bp, active FROM vat_rates "
                          "ORDER BY sort_order, code"_s);
    if (!rates)
        return rates.error();
    while (rates.value().next()) {
        const QSqlQuery &r = rates.value();
        page.vatRates.append(QJsonObject {
            {u"code"_s, r.value(0).toString()},
            {u"label"_s, r.value(1).toString()},
            {u"rate_bp"_s, r.value(2).isNull() ? QJsonValue() : QJsonValue(r.value(2).toInt())},
            {u"active"_s, r.value(3).toBool()}});
    }
    auto categories = Sql::run(m_db, u"SELECT id, parent_id, name FROM categories ORDER BY id"_s);
    if (!categories)
        return categories.error();
    while (categories.value().next()) {
        const QSqlQuery &r = categories.value();
        page.categories.append(
            QJsonObject {{u"id"_s, r.value(0).toLongLong()},
                         {u"parent_id"_s,
                          r.value(1).isNull() ? QJsonValue() : QJsonValue(r.value(1).toLongLong())},
                         {u"name"_s, r.value(2).toString()}});
    }
    if (!page.hasMore) {
        auto codes = PromoFeed::read(m_db);
        if (!codes)
            return codes.error();
        page.promoCodes = codes.value();
    }
    return page;
}

QJsonObject CatalogPage::toJson() const
{
    QJsonObject page {{u"items"_s, items},
                      {u"vat_rates"_s, vatRates},
                      {u"categories"_s, categories},
                      {u"next_cursor"_s, next ? QJsonValue(next->toToken()) : QJsonValue()},
                      {u"has_more"_s, hasMore}};
    if (promoCodes)
        page.insert(u"promo_codes"_s, *promoCodes);
    return page;
}

CatalogPage CatalogPage::fromJson(const QJsonObject &page)
{
    CatalogPage p;
    p.items = page.value(u"items"_s).toArray();
    p.vatRates = page.value(u"vat_rates"_s).toArray();
    p.categories = page.value(u"categories"_s).toArray();
    p.next = HistoryCursor::fromToken(page.value(u"next_cursor"_s).toString());
    p.hasMore = page.value(u"has_more"_s).toBool() && p.next;
    if (page.value(u"promo_codes"_s).isArray())
        p.promoCodes = page.value(u"promo_codes"_s).toArray();
    return p;
}

Result<CatalogApplied> CatalogStore::applyPage(const QJsonArray &items,
                                               const std::optional<HistoryCursor> &next)
{
    CatalogPage page;
    page.items = items;
    page.next = next;
    return applyPage(page);
}

Result<CatalogApplied> CatalogStore::applyPage(const CatalogPage &page)
{
    const QJsonArray &items = page.items;
    const std::optional<HistoryCursor> &next = page.next;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    CatalogApplied applied;
    if (!page.vatRates.isEmpty()) {
        // Only a rate that differs is written: a page seen twice leaves no trace.
        auto rates = Sql::run(
            m_db,
            u"INSERT INTO vat_rates AS r (code, label, rate_bp, active) "
            "SELECT code, label, rate_bp, coalesce(active, true) FROM "
            "  jsonb_to_recordset(?::jsonb) AS x(code text, label text, rate_bp integer, "
            "  active boolean) "
            "ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, rate_bp = EXCLUDED.rate_bp, "
            "  active = EXCLUDED.active, updated_at = now() "
            "  WHERE (r.label, r.rate_bp, r.active) IS DISTINCT FROM "
            "  (EXCLUDED.label, EXCLUDED.rate_bp, EXCLUDED.active)"_s,
            {QString::fromUtf8(QJsonDocument(page.vatRates).toJson(QJsonDocument::Compact))});
        if (!rates)
            return rates.error();
    }
    if (!page.categories.isEmpty()) {
        if (auto done = applyCategories(page.categories, applied); !done)
            return done.error();
    }
    if (items.size() >= kBulkPage) {
        // Thousands of new names at once. Into an empty shop (its first
        // pull), the trigram index of product names (name search) is built
        // once when the last page comes (0025 says why); otherwise it takes
        // them into its pending list and merges them in bulk, rather than
        // entry by entry while the shop waits for its catalog.
        auto empty = Sql::scalar(m_db, u"SELECT NOT EXISTS (SELECT 1 FROM products)"_s);
        if (!empty)
            return empty.error();
        auto bulk =
            Sql::run(m_db,
                     empty.value().toBool() ? u"SELECT products_search_index_off()"_s
                                            : u"SET LOCAL gin_pending_list_limit = '64MB'"_s);
        if (!bulk)
            return bulk.error();
    }
    if (!items.isEmpty()) {
        const QString json = QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Compact));
        if (auto loaded = loadIncoming(m_db, json); !loaded)
            return loaded.error();
        // A page of products wholly new here (a first pull, new goods) has
        // no barcode to move, no price to compare, no list or schedule to
        // correct: four statements it can skip.
        auto known = Sql::scalar(
            m_db,
            u"SELECT EXISTS (SELECT 1 FROM catalog_incoming i JOIN products p ON p.plu = i.plu) "
            "  OR EXISTS (SELECT 1 FROM catalog_incoming i CROSS JOIN LATERAL "
            "    jsonb_array_elements_text(coalesce(i.barcodes, '[]'::jsonb) || "
            "    coalesce(to_jsonb(i.barcode), '[]'::jsonb)) AS b(barcode) "
            "    WHERE EXISTS (SELECT 1 FROM product_barcodes pb WHERE pb.barcode = b.barcode) "
            "    OR EXISTS (SELECT 1 FROM products p WHERE p.barcode = b.barcode))"_s);
        if (!known)
            return known.error();
        const bool fresh = !known.value().toBool();
        QHash<qint64, qint64> before; // the prices now of the products the shop has
        if (!fresh) {
            // Central owns the catalog: a barcode it gives to another PLU
            // leaves the local product that had it (or the page could never
            // be taken).
            auto moved = Sql::run(
                m_db,
                u"WITH incoming AS (SELECT plu, barcode FROM catalog_incoming UNION "
                "  SELECT i.plu, b.barcode FROM catalog_incoming i CROSS JOIN LATERAL "
                "  jsonb_array_elements_text(coalesce(i.barcodes, '[]'::jsonb)) AS b(barcode)), "
                "cleared AS (UPDATE products p SET barcode = NULL, updated_at = now() "
                "  FROM incoming i WHERE p.barcode = nullif(i.barcode, '') AND p.plu <> i.plu "
                "  RETURNING p.id, p.plu, i.plu AS now_at) "
                "INSERT INTO history (product_id, plu, action, reason) "
                "  SELECT id, plu, 'product_changed', ? || now_at FROM cleared"_s,
                {QCoreApplication::translate("CatalogStore", "barcode moved by central to PLU ")});
            if (!moved)
                return moved.error();
            auto prices = pricesNow(m_db);
            if (!prices)
                return prices.error();
            before = prices.value();
        }
        // Only rows that really differ are written, so a page seen twice
        // leaves no trace. The price is compared with the one that holds
        // here now (a scheduled one may hold before anything copied it), and
        // written only when it differs: a new price starts now and the
        // schedule after it stays. `active` and `vat_code` are left as they
        // are when the page does not say (an older central), and so is the
        // category (`category_id` missing; null: none; else central's id,
        // the shop's category that has it, applied just before). The products
        // the shop has are updated through a join and the new ones inserted
        // (one statement, one snapshot: an insert never meets an update).
        auto q = Sql::run(
            m_db,
            u"WITH incoming AS (SELECT * FROM catalog_incoming), "
            "updated AS (UPDATE products p SET name = i.name, barcode = nullif(i.barcode, ''), "
            "  price = CASE WHEN price_at(p, now()) IS DISTINCT FROM i.price "
            "    THEN i.price ELSE p.price END, "
            "  sold_by_weight = coalesce(i.sold_by_weight, false), "
            "  active = coalesce(i.active, p.active), vat_code = coalesce(i.vat_code, p.vat_code), "
            "  category_id = CASE WHEN i.has_category THEN i.category ELSE p.category_id END, "
            "  updated_at = now() FROM incoming i WHERE p.plu = i.plu "
            "  AND (p.name, price_at(p, now()), p.barcode, p.sold_by_weight, p.active, p.vat_code, "
            "  p.category_id) "
            "  IS DISTINCT FROM (i.name, i.price, nullif(i.barcode, ''), "
            "  coalesce(i.sold_by_weight, false), coalesce(i.active, p.active), "
            "  coalesce(i.vat_code, p.vat_code), "
            "  CASE WHEN i.has_category THEN i.category ELSE p.category_id END) "
            "  RETURNING p.id, p.plu, false AS inserted), "
            "inserted AS (INSERT INTO products (plu, name, price, barcode, sold_by_weight, "
            "  active, vat_code, category_id) "
            "  SELECT plu, name, price, nullif(barcode, ''), coalesce(sold_by_weight, false), "
            "  coalesce(active, true), coalesce(vat_code, 'vat20'), "
            "  CASE WHEN has_category THEN category END FROM incoming i "
            "  WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.plu = i.plu) "
            "  RETURNING id, plu, true AS inserted), "
            "changed AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted), "
            "logged AS (INSERT INTO history (product_id, plu, action, reason) "
            "  SELECT id, plu, CASE WHEN inserted THEN 'product_created' "
            "  ELSE 'product_changed' END, :reason FROM changed RETURNING 1) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) "
            "FROM changed"_s,
            {{u":reason"_s, QCoreApplication::translate("CatalogStore", "catalog from central")}});
        if (!q)
            return q.error();
        q.value().next();
        applied.created = q.value().value(0).toInt();
        applied.changed = q.value().value(1).toInt();
        // A price central changed makes the shelf tag wrong from now: queue
        // a new one, in this transaction, as an edit here would. (A page of
        // products new to the shop has no tag to correct.)
        if (!before.isEmpty()) {
            auto after = pricesNow(m_db);
            if (!after)
                return after.error();
            QList<qint64> repriced;
            for (auto it = after.value().cbegin(); it != after.value().cend(); ++it) {
                const auto was = before.constFind(it.key());
                if (was != before.cend() && *was != it.value())
                    repriced << it.key();
            }
            // One statement for the page (a chain-wide price change moves
            // thousands at once).
            if (auto queued = LabelQueueStore::enqueueMany(m_db, repriced, std::nullopt,
                                                           LabelReason::PriceChanged);
                !queued)
                return queued.error();
        }
        if (auto lists = applyBarcodeLists(fresh, applied); !lists)
            return lists.error();
        // A price central no longer schedules (cancelled there before it
        // started) goes here too, with its waiting "from" tag. Only for
        // items that carry a schedule (an older central sends none), and
        // never a price a price-change document of this shop set.
        if (!fresh) {
            auto withdrawn = Sql::run(
                m_db,
                u"WITH incoming AS (SELECT plu, scheduled_prices FROM catalog_incoming "
                "  WHERE scheduled_prices IS NOT NULL), "
                "gone AS (DELETE FROM product_prices pp USING incoming i, products p "
                "  WHERE p.plu = i.plu AND pp.product_id = p.id AND pp.valid_from > now() "
                "  AND pp.document_id IS NULL AND NOT EXISTS (SELECT 1 FROM "
                "  jsonb_to_recordset(i.scheduled_prices) AS s(valid_from timestamptz) "
                "  WHERE s.valid_from = pp.valid_from) "
                "  RETURNING pp.product_id, pp.valid_from), "
                "untagged AS (DELETE FROM label_queue l USING gone g WHERE l.product_id = "
                "g.product_id "
                "  AND l.valid_from = g.valid_from AND l.printed_at IS NULL) "
                "INSERT INTO history (product_id, plu, action, reason) "
                "  SELECT DISTINCT g.product_id, p.plu, 'product_changed', :reason FROM gone g "
                "  JOIN products p ON p.id = g.product_id"_s,
                {{u":reason"_s,
                  QCoreApplication::translate("CatalogStore",
                                              "scheduled price cancelled by central")}});
            if (!withdrawn)
                return withdrawn.error();
        }
        // The prices central scheduled, each from its moment (after the
        // price that holds here, which supersedes the ones before it). A
        // price already kept for that moment is corrected, never doubled.
        auto scheduled = Sql::run(
            m_db,
            u"WITH due AS (SELECT p.id, s.price, s.valid_from FROM catalog_incoming i "
            "  JOIN products p ON p.plu = i.plu "
            "  CROSS JOIN LATERAL jsonb_to_recordset(i.scheduled_prices) "
            "    AS s(price bigint, valid_from timestamptz) "
            "  WHERE s.valid_from > p.price_from), "
            "kept AS (INSERT INTO product_prices AS pp (product_id, price, valid_from, reason) "
            "  SELECT id, price, valid_from, :reason FROM due "
            "  ON CONFLICT (product_id, valid_from) DO UPDATE SET price = EXCLUDED.price, "
            "  reason = EXCLUDED.reason WHERE pp.price <> EXCLUDED.price "
            "  RETURNING pp.product_id, pp.price, pp.valid_from) "
            "SELECT product_id, price, valid_from FROM kept"_s,
            {{u":reason"_s, QCoreApplication::translate("CatalogStore", "catalog from central")}});
        if (!scheduled)
            return scheduled.error();
        // Each new or corrected one gets its "from" tag, printed ahead (one
        // statement: a first pull schedules thousands).
        QList<qint64> keptProducts, keptPrices;
        QList<QDateTime> keptFroms;
        while (scheduled.value().next()) {
            keptProducts << scheduled.value().value(0).toLongLong();
            keptPrices << scheduled.value().value(1).toLongLong();
            keptFroms << scheduled.value().value(2).toDateTime().toUTC();
        }
        if (auto queued =
                LabelQueueStore::enqueueScheduled(m_db, keptProducts, keptFroms, keptPrices);
            !queued)
            return queued.error();
        applied.scheduled = int(keptProducts.size());
    }
    // The codes last: the products and categories they name are here now.
    if (page.promoCodes) {
        auto codes = PromoFeed::apply(m_db, *page.promoCodes);
        if (!codes)
            return codes.error();
        applied.promoCodeChanges = codes.value();
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
    if (!page.hasMore) {
        if (auto indexed = Sql::run(m_db, u"SELECT products_search_index_on()"_s); !indexed)
            return indexed.error();
    }
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return applied;
}

Result<void> CatalogStore::applyBarcodeLists(bool fresh, CatalogApplied &applied)
{
    // Two statements, as a barcode may leave one product of the page for
    // another: first every barcode a product of the page no longer has (its
    // main one stays: the products' own column keeps it), then the ones it
    // gained, taken from whichever product of the shop had them.
    const QString incoming =
        u"incoming AS (SELECT i.plu, b.barcode FROM catalog_incoming i CROSS JOIN LATERAL "
        "  jsonb_array_elements_text(i.barcodes) AS b(barcode)), "
        "listed AS (SELECT plu FROM catalog_incoming WHERE barcodes IS NOT NULL) "_s;
    const QString logged =
        u"INSERT INTO history (product_id, plu, action, reason) "
        "  SELECT DISTINCT c.product_id, p.plu, 'product_changed', :reason FROM changed c "
        "  JOIN products p ON p.id = c.product_id RETURNING 1"_s;
    const QString reason = QCoreApplication::translate("CatalogStore", "barcodes from central");
    int changed = 0;
    if (!fresh) {
        auto gone = Sql::run(
            m_db,
            u"WITH "_s + incoming +
                u", changed AS (DELETE FROM product_barcodes pb USING products p, listed l "
                "  WHERE p.plu = l.plu AND pb.product_id = p.id "
                "  AND pb.barcode IS DISTINCT FROM p.barcode AND NOT EXISTS (SELECT 1 FROM "
                "  incoming i WHERE i.plu = p.plu AND i.barcode = pb.barcode) "
                "  RETURNING pb.product_id) "_s +
                logged,
            {{u":reason"_s, reason}});
        if (!gone)
            return gone.error();
        changed = gone.value().numRowsAffected();
    }
    auto added =
        Sql::run(m_db,
                 u"WITH "_s + incoming +
                     u", changed AS (INSERT INTO product_barcodes AS pb (barcode, product_id) "
                     "  SELECT i.barcode, p.id FROM incoming i JOIN products p ON p.plu = i.plu "
                     "  ON CONFLICT (barcode) DO UPDATE SET product_id = EXCLUDED.product_id, "
                     "  added_at = now() WHERE pb.product_id <> EXCLUDED.product_id "
                     "  RETURNING pb.product_id) "_s +
                     logged,
                 {{u":reason"_s, reason}});
    if (!added)
        return added.error();
    changed += added.value().numRowsAffected();
    applied.barcodeChanges = changed;
    return {};
}

Result<void> CatalogStore::applyCategories(const QJsonArray &categories, CatalogApplied &applied)
{
    // Each category's depth in central's tree (0: at the top), from the
    // page alone. One whose chain does not reach the top within the page (it
    // cannot: central sends its whole tree, and refuses loops) is left out.
    QHash<qint64, qint64> parentOf;
    QHash<qint64, QJsonObject> byId;
    for (const QJsonValue &v : categories) {
        const QJsonObject c = v.toObject();
        const qint64 id = c.value(u"id"_s).toInteger();
        if (id <= 0 || c.value(u"name"_s).toString().trimmed().isEmpty())
            continue;
        parentOf.insert(id, c.value(u"parent_id"_s).toInteger());
        byId.insert(id, c);
    }
    QList<QJsonArray> levels;
    for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
        int depth = 0;
        qint64 up = parentOf.value(it.key());
        while (up != 0 && parentOf.contains(up) && depth <= parentOf.size()) {
            up = parentOf.value(up);
            ++depth;
        }
        if (up != 0)
            continue;
        if (levels.size() <= depth)
            levels.resize(depth + 1);
        levels[depth].append(it.value());
    }
    const auto asJson = [](const QJsonArray &array) -> QString {
        return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
    };
    QJsonArray placed;
    for (const QJsonArray &level : std::as_const(levels)) {
        for (const QJsonValue &c : level)
            placed.append(c);
    }
    const QString all = asJson(placed);
    // Central's categories as the shop would place them: its own parent is
    // the category with the parent's central id (NULL at the top).
    const QString target =
        u"target AS (SELECT x.id AS central_id, x.name, x.parent_id AS central_parent, "
        "  (SELECT p.id FROM categories p WHERE p.central_id = x.parent_id) AS parent "
        "  FROM jsonb_to_recordset(:list::jsonb) AS x(id bigint, parent_id bigint, name text)) "_s;
    // The usual page: every category already here as central has it.
    auto same = Sql::run(m_db,
                         u"WITH "_s + target +
                             u"SELECT NOT EXISTS (SELECT 1 FROM target t WHERE NOT EXISTS ("
                             "  SELECT 1 FROM categories c WHERE c.central_id = t.central_id "
                             "  AND c.name = t.name AND c.parent_id IS NOT DISTINCT FROM "
                             "  t.parent))"_s,
                         {{u":list"_s, all}});
    if (!same)
        return same.error();
    if (same.value().next() && same.value().value(0).toBool())
        return {};
    // Renamed or moved categories (or ones going under a category still to
    // be made) first take a name no sibling can have (names are trimmed, so
    // none starts with a control character); each takes its own back at its
    // level. Two of them trading names, or one taking the old place of
    // another, never clash on the way.
    auto aside = Sql::run(m_db,
                          u"WITH "_s + target +
                              u"UPDATE categories c SET name = chr(1) || c.id FROM target t "
                              "WHERE c.central_id = t.central_id AND ((c.name, c.parent_id) IS "
                              "DISTINCT FROM (t.name, t.parent) OR (t.parent IS NULL AND "
                              "t.central_parent IS NOT NULL))"_s,
                          {{u":list"_s, all}});
    if (!aside)
        return aside.error();
    // From the top down, so every category's parent is already where
    // central has it when the category moves under it: a move of several
    // levels in one page (a subtree turned upside down) never looks like a
    // loop to categories_refuse_loop, as each parent's chain up is final.
    for (const QJsonArray &level : std::as_const(levels)) {
        const QString list = asJson(level);
        // A category of the shop's own where a central one comes (renamed
        // or moved there) makes room: it keeps its id and contents and
        // takes its id into its name.
        auto room = Sql::run(
            m_db,
            u"WITH "_s + target +
                u"UPDATE categories c SET name = left(c.name, 80) || ' (' || c.id || ')', "
                "  updated_at = now() FROM target t "
                "WHERE c.central_id IS NULL AND c.parent_id IS NOT DISTINCT FROM t.parent "
                "  AND lower(c.name) = lower(t.name) "
                "  AND EXISTS (SELECT 1 FROM categories m WHERE m.central_id = t.central_id)"_s,
            {{u":list"_s, list}});
        if (!room)
            return room.error();
        auto moved =
            Sql::run(m_db,
                     u"WITH "_s + target +
                         u"UPDATE categories c SET name = t.name, parent_id = t.parent, "
                         "  updated_at = now() FROM target t "
                         "WHERE c.central_id = t.central_id "
                         "  AND (c.name, c.parent_id) IS DISTINCT FROM (t.name, t.parent)"_s,
                     {{u":list"_s, list}});
        if (!moved)
            return moved.error();
        // A category new to the shop: one of its own of the same name in
        // the same place becomes central's (rather than a twin, which the
        // sibling rule would refuse), or a new one is made.
        auto adopted = Sql::run(
            m_db,
            u"WITH "_s + target +
                u"UPDATE categories c SET central_id = t.central_id, name = t.name, "
                "  updated_at = now() FROM target t "
                "WHERE c.central_id IS NULL AND c.parent_id IS NOT DISTINCT FROM t.parent "
                "  AND lower(c.name) = lower(t.name) "
                "  AND NOT EXISTS (SELECT 1 FROM categories m WHERE m.central_id = t.central_id)"_s,
            {{u":list"_s, list}});
        if (!adopted)
            return adopted.error();
        auto made = Sql::run(m_db,
                             u"WITH "_s + target +
                                 u"INSERT INTO categories (parent_id, name, central_id) "
                                 "SELECT t.parent, t.name, t.central_id FROM target t "
                                 "WHERE NOT EXISTS (SELECT 1 FROM categories m "
                                 "  WHERE m.central_id = t.central_id)"_s,
                             {{u":list"_s, list}});
        if (!made)
            return made.error();
        applied.categoryChanges += moved.value().numRowsAffected() +
            adopted.value().numRowsAffected() + made.value().numRowsAffected();
    }
    return {};
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
