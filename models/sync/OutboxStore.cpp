#include "OutboxStore.h"

#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<QList<OutboxEvent>> OutboxStore::select(const QString &where, int limit) const
{
    auto q = Sql::run(m_db,
                      u"SELECT id, idempotency_key::text, event_type, payload::text, created_at, "
                      "  attempts, coalesce(last_error, ''), rejected_at IS NOT NULL, "
                      "  to_char(created_at AT TIME ZONE 'UTC', "
                      "    'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
                      "  coalesce(rejected_code, ''), coalesce(rejected_field, '') "
                      "FROM outbox WHERE %1 LIMIT ?"_s.arg(where),
                      {limit});
    if (!q)
        return q.error();
    QList<OutboxEvent> events;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        OutboxEvent e;
        e.id = r.value(0).toLongLong();
        e.idempotencyKey = r.value(1).toString();
        e.type = r.value(2).toString();
        e.payload = QJsonDocument::fromJson(r.value(3).toString().toUtf8()).object();
        e.createdAt = r.value(4).toDateTime();
        e.attempts = r.value(5).toInt();
        e.lastError = r.value(6).toString();
        e.rejected = r.value(7).toBool();
        e.createdAtIso = r.value(8).toString();
        e.rejectedCode = r.value(9).toString();
        e.rejectedField = r.value(10).toString();
        events.append(e);
    }
    return events;
}

Result<QList<OutboxEvent>> OutboxStore::nextBatch(int limit) const
{
    // A product queued after a stock event that names it (the shop's
    // introduction to a new head office) still goes first. Each query runs
    // on its own partial index.
    auto products = select(u"sent_at IS NULL AND rejected_at IS NULL "
                           "AND event_type = 'product.created' ORDER BY id"_s,
                           limit);
    if (!products || !products.value().isEmpty())
        return products;
    return select(u"sent_at IS NULL AND rejected_at IS NULL ORDER BY id"_s, limit);
}

Result<QList<OutboxEvent>> OutboxStore::pending(int limit) const
{
    return select(u"sent_at IS NULL ORDER BY rejected_at IS NULL, id"_s, limit);
}

Result<OutboxCounts> OutboxStore::counts() const
{
    auto q = Sql::run(m_db,
                      u"SELECT count(*) FILTER (WHERE rejected_at IS NULL), "
                      "  count(*) FILTER (WHERE rejected_at IS NOT NULL) "
                      "FROM outbox WHERE sent_at IS NULL"_s);
    if (!q)
        return q.error();
    q.value().next();
    return OutboxCounts {q.value().value(0).toLongLong(), q.value().value(1).toLongLong()};
}

Result<QStringList> OutboxStore::markSent(const QStringList &keys)
{
    if (keys.isEmpty())
        return QStringList();
    auto q = Sql::run(m_db,
                      u"UPDATE outbox SET sent_at = now(), last_error = NULL, rejected_at = NULL, "
                      "  rejected_code = NULL, rejected_field = NULL "
                      "WHERE idempotency_key = ANY (?::uuid[]) AND sent_at IS NULL "
                      "RETURNING CASE WHEN event_type = 'product.created' "
                      "  THEN payload ->> 'plu' END"_s,
                      {PgArray::text(keys)});
    if (!q)
        return q.error();
    QStringList products;
    while (q.value().next())
        if (!q.value().value(0).isNull())
            products << q.value().value(0).toString();
    return products;
}

Result<void> OutboxStore::markRejected(const QString &key, const QString &code,
                                       const QString &field, const QString &message)
{
    auto q = Sql::run(m_db,
                      u"UPDATE outbox SET rejected_at = now(), attempts = attempts + 1, "
                      "  rejected_code = nullif(:code, ''), rejected_field = nullif(:field, ''), "
                      "  last_error = :error "
                      "WHERE idempotency_key = :key::uuid AND sent_at IS NULL"_s,
                      {{u":code"_s, code.left(64)},
                       {u":field"_s, field.left(64)},
                       {u":error"_s, u"%1: %2"_s.arg(code, message).left(1000)},
                       {u":key"_s, key}});
    if (!q)
        return q.error();
    return {};
}

Result<void> OutboxStore::recordFailure(const QList<qint64> &ids, const QString &error)
{
    if (ids.isEmpty())
        return {};
    auto q = Sql::run(m_db,
                      u"UPDATE outbox SET attempts = attempts + 1, last_error = ? "
                      "WHERE id = ANY (?::bigint[]) AND sent_at IS NULL"_s,
                      {error.left(1000), PgArray::integers(ids)});
    if (!q)
        return q.error();
    return {};
}

Result<qint64> OutboxStore::retryRejected(const Actor &actor, const QList<qint64> &ids)
{
    if (auto refused = checkPermission(actor.role, Permission::ConfigureTill))
        return *refused;
    auto n = Sql::scalar(m_db,
                         u"WITH retried AS (UPDATE outbox SET rejected_at = NULL, "
                         "rejected_code = NULL, rejected_field = NULL "
                         "WHERE rejected_at IS NOT NULL AND sent_at IS NULL "
                         "AND (cardinality(?::bigint[]) = 0 OR id = ANY (?::bigint[])) "
                         "RETURNING 1) SELECT count(*) FROM retried"_s,
                         {PgArray::integers(ids), PgArray::integers(ids)});
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

Result<qint64> OutboxStore::requeueCured(const QStringList &centralHas)
{
    auto n = Sql::scalar(
        m_db,
        // A product refused because central gives its barcode to another one:
        // once the catalog took the barcode away here, it goes as it now is.
        u"WITH reworded AS (UPDATE outbox o SET rejected_at = NULL, rejected_code = NULL, "
        "  rejected_field = NULL, payload = o.payload || jsonb_build_object('name', p.name, "
        "  'price', p.price, 'barcode', p.barcode, 'sold_by_weight', p.sold_by_weight) "
        "  FROM products p WHERE o.rejected_at IS NOT NULL AND o.sent_at IS NULL "
        "  AND o.event_type = 'product.created' AND o.rejected_code = 'conflict' "
        "  AND o.rejected_field = 'payload.barcode' AND p.plu = o.payload ->> 'plu' "
        "  AND p.barcode IS DISTINCT FROM o.payload ->> 'barcode' RETURNING 1), "
        // Stock of a product central did not have. An older central named no
        // field: such a refusal goes once more too (at worst it is refused again).
        "known AS (UPDATE outbox SET rejected_at = NULL, rejected_code = NULL, "
        "  rejected_field = NULL WHERE rejected_at IS NOT NULL AND sent_at IS NULL "
        "  AND event_type IN ('stock.created', 'stock.changed') "
        "  AND rejected_code = 'not_found' "
        "  AND coalesce(rejected_field, 'payload.plu') = 'payload.plu' "
        "  AND payload ->> 'plu' = ANY (?::text[]) RETURNING 1) "
        "SELECT (SELECT count(*) FROM reworded) + (SELECT count(*) FROM known)"_s,
        {PgArray::text(centralHas)});
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

Result<OutboxStore::Introduction> OutboxStore::introduceTo(const QString &centralId,
                                                           const QString &shopCode)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // The marker's row lock also keeps two tills on this database from
    // introducing the shop twice at once.
    auto marked = Sql::run(m_db,
                           u"INSERT INTO sync_state (name, value) VALUES (?, ?) "
                           "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, "
                           "  updated_at = now() "
                           "WHERE sync_state.value IS DISTINCT FROM EXCLUDED.value RETURNING 1"_s,
                           {QString::fromLatin1(kIntroducedName), centralId});
    if (!marked)
        return marked.error();
    Introduction done;
    if (!marked.value().next())
        return done;
    done.queued = true;
    // Products without an unsent event of their own; central keeps a PLU it
    // already has as it is, so sending one it has changes nothing.
    auto products = Sql::scalar(
        m_db,
        u"WITH queued AS (INSERT INTO outbox (event_type, payload) "
        "  SELECT 'product.created', jsonb_build_object('plu', p.plu, 'name', p.name, "
        "    'price', p.price, 'barcode', p.barcode, 'sold_by_weight', p.sold_by_weight) "
        "  FROM products p WHERE NOT EXISTS (SELECT 1 FROM outbox o "
        "    WHERE o.sent_at IS NULL AND o.event_type = 'product.created' "
        "    AND o.payload ->> 'plu' = p.plu) "
        "  ORDER BY p.id RETURNING 1) "
        "SELECT count(*) FROM queued"_s);
    if (!products)
        return products.error();
    done.products = products.value().toLongLong();
    // The stock as it is now, for each stock no unsent event changes (the
    // last one would bring its quantities anyway). history_id is its last
    // change, so an older event retried later cannot undo it at central.
    auto stocks = Sql::run(
        m_db,
        u"WITH last AS (SELECT shop_id, plu, max(id) AS history_id FROM history "
        "  WHERE shop_id IS NOT NULL GROUP BY shop_id, plu), "
        "queued AS (INSERT INTO outbox (event_type, payload) "
        "  SELECT 'stock.created', jsonb_build_object('plu', s.plu, 'shop_id', s.shop_id, "
        "    'shop_code', sh.code, 'quantity_on_shelf', s.shelf_qty, "
        "    'quantity_in_order', s.order_qty, 'history_id', l.history_id, "
        "    'reason', :reason::text) "
        "  FROM stocks s JOIN shops sh ON sh.id = s.shop_id "
        "  LEFT JOIN last l ON l.shop_id = s.shop_id AND l.plu = s.plu "
        "  WHERE (coalesce(:code::text, '') = '' OR sh.code = :code::text) "
        "  AND NOT EXISTS (SELECT 1 FROM outbox o "
        "    WHERE o.sent_at IS NULL AND o.event_type IN ('stock.created', 'stock.changed') "
        "    AND o.payload ->> 'plu' = s.plu AND o.payload ->> 'shop_code' = sh.code) "
        "  ORDER BY s.id RETURNING 1) "
        "SELECT count(*) FROM queued"_s,
        {{u":reason"_s, tr("the shop's stock when it joined head office")},
         {u":code"_s, shopCode}});
    if (!stocks)
        return stocks.error();
    stocks.value().next();
    done.stocks = stocks.value().value(0).toLongLong();
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return done;
}

} // namespace shopdesk
