#include "SyncInboxStore.h"

#include "models/catalog/ProductStore.h"
#include "models/core/JsonReader.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/history/HistoryFilter.h"
#include "models/stock/StockStore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

EventAck rejected(const IncomingEvent &event, const QString &code, const QString &message,
                  const QString &field = {})
{
    return {event.idempotencyKey, EventAck::Status::Rejected, code, message, field};
}

// The payload field a unique constraint of the catalog guards.
QString fieldOfConstraint(const QString &constraint)
{
    if (constraint == u"products_barcode_key"_s)
        return u"payload.barcode"_s;
    if (constraint == u"products_plu_key"_s)
        return u"payload.plu"_s;
    return {};
}

// A failure of the event's data (a constraint, a bad value) rather than of
// the database: SQLSTATE classes 22 (data exception) and 23 (integrity).
bool isDataError(const StoreError &error)
{
    return error.sqlState.startsWith(u"22"_s) || error.sqlState.startsWith(u"23"_s);
}

bool execPlain(const QSqlDatabase &db, const QString &sql, StoreError *error)
{
    // Savepoints cannot be prepared statements.
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    *error = StoreError::database(q.lastError());
    return false;
}
} // namespace

QString EventAck::statusName(Status status)
{
    switch (status) {
    case Status::Applied:
        return u"applied"_s;
    case Status::Duplicate:
        return u"duplicate"_s;
    case Status::Rejected:
        break;
    }
    return u"rejected"_s;
}

Result<qint64> SyncInboxStore::shopIdForCode(const QString &code)
{
    if (auto it = m_shopIds.constFind(code); it != m_shopIds.constEnd())
        return *it;
    auto id = Sql::scalar(m_db, u"SELECT (SELECT id FROM shops WHERE code = ?)"_s, {code});
    if (!id)
        return id.error();
    const qint64 value = id.value().isNull() ? 0 : id.value().toLongLong();
    m_shopIds.insert(code, value);
    return value;
}

Result<QList<EventAck>> SyncInboxStore::apply(const TokenOwner &caller,
                                              const QList<IncomingEvent> &events)
{
    // One transaction for the batch: one commit, not one per event. A refused
    // event writes nothing, so normally no event needs undoing. Only when a
    // statement fails on the data (a constraint) is the batch run again with
    // a savepoint around each event, so the others still apply.
    auto fast = applyBatch(caller, events, false);
    if (fast || !isDataError(fast.error()))
        return fast;
    return applyBatch(caller, events, true);
}

Result<QList<EventAck>> SyncInboxStore::applyBatch(const TokenOwner &caller,
                                                   const QList<IncomingEvent> &events,
                                                   bool savepoints)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // One push per shop at a time: a retry that overlaps its original (still
    // running) waits here for it, then finds its keys applied, instead of
    // waiting key by key and locking stocks in another order. A push that
    // waits too long is told to come back (429).
    StoreError error;
    if (!execPlain(m_db, u"SET LOCAL lock_timeout = '5s'"_s, &error))
        return error;
    auto mine =
        Sql::run(m_db, u"SELECT pg_advisory_xact_lock(7301, ?::int)"_s, {int(caller.shopId)});
    if (!mine) {
        if (mine.error().sqlState == u"55P03"_s)
            return StoreError::locked(
                tr("Another push from this shop is being applied; send again in a moment."));
        return mine.error();
    }
    if (!execPlain(m_db, u"SET LOCAL lock_timeout = 0"_s, &error))
        return error;
    QList<EventAck> acks;
    acks.reserve(events.size());
    for (const IncomingEvent &event : events) {
        if (savepoints && !execPlain(m_db, u"SAVEPOINT event"_s, &error))
            return error;
        auto ack = applyOne(caller, event);
        if (!ack) {
            if (!savepoints || !isDataError(ack.error()))
                return ack.error();
            if (!execPlain(m_db, u"ROLLBACK TO SAVEPOINT event"_s, &error))
                return error;
            // The shop's person needs the rule that failed, not the driver's text.
            ack = rejected(event, u"conflict"_s,
                           tr("Central could not apply it: %1 (SQLSTATE %2).")
                               .arg(ack.error().constraint.isEmpty() ? tr("invalid data")
                                                                     : ack.error().constraint,
                                    ack.error().sqlState),
                           fieldOfConstraint(ack.error().constraint));
        } else if (savepoints && !execPlain(m_db, u"RELEASE SAVEPOINT event"_s, &error)) {
            return error;
        }
        acks.append(ack.value());
    }
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return acks;
}

Result<EventAck> SyncInboxStore::applyOne(const TokenOwner &caller, const IncomingEvent &event)
{
    const EventAck applied {event.idempotencyKey, EventAck::Status::Applied, {}, {}, {}};
    const EventAck duplicate {event.idempotencyKey, EventAck::Status::Duplicate, {}, {}, {}};
    if (QUuid::fromString(event.idempotencyKey).isNull())
        return rejected(event, u"invalid"_s, tr("idempotency_key must be a UUID."),
                        u"idempotency_key"_s);

    JsonReader in(event.payload, u"payload."_s);
    if (event.type == u"product.created"_s) {
        NewProduct p;
        p.plu = in.string(u"plu"_s, true, 32).value_or(QString());
        p.name = in.string(u"name"_s, true, 200).value_or(QString());
        p.price = in.integer(u"price"_s, true, 0, ProductStore::kMaxPrice).value_or(0);
        p.barcode = in.string(u"barcode"_s, false, 14).value_or(QString());
        p.soldByWeight = in.boolean(u"sold_by_weight"_s, false).value_or(false);
        if (in.ok())
            if (auto invalid = ProductStore::validate(p))
                in.fail(invalid->field, invalid->message); // the reader adds "payload."
        if (!in.ok())
            return rejected(event, u"invalid"_s, in.message(), in.field());
        // Central owns the catalog: a product it already has stays as it is.
        auto q = Sql::run(
            m_db,
            u"WITH fresh AS (INSERT INTO applied_events (idempotency_key, shop_id, event_type) "
            "  VALUES (:key::uuid, nullif(:shop::bigint, 0), :type) "
            "  ON CONFLICT DO NOTHING RETURNING 1), "
            "made AS (INSERT INTO products (plu, name, price, barcode, sold_by_weight) "
            "  SELECT :plu, :name, :price, nullif(:barcode, ''), :weighed "
            "  WHERE EXISTS (SELECT 1 FROM fresh) "
            "  ON CONFLICT (plu) DO NOTHING RETURNING id, plu), "
            "logged AS (INSERT INTO history (product_id, plu, action, reason) "
            "  SELECT id, plu, 'product_created', :reason FROM made RETURNING 1) "
            "SELECT (SELECT count(*) FROM fresh)"_s,
            {{u":key"_s, event.idempotencyKey},
             {u":shop"_s, caller.shopId},
             {u":type"_s, event.type},
             {u":plu"_s, p.plu},
             {u":name"_s, p.name},
             {u":price"_s, p.price},
             {u":barcode"_s, p.barcode},
             {u":weighed"_s, p.soldByWeight},
             {u":reason"_s, tr("created in shop %1").arg(caller.shopCode)}});
        if (!q)
            return q.error();
        q.value().next();
        return q.value().value(0).toInt() == 1 ? applied : duplicate;
    }

    if (event.type != u"stock.created"_s && event.type != u"stock.changed"_s)
        return rejected(event, u"invalid"_s,
                        tr("Unknown event type \"%1\".").arg(event.type.left(64)), u"event_type"_s);

    const bool created = event.type == u"stock.created"_s;
    const QString shopCode = in.string(u"shop_code"_s, true, 32).value_or(QString());
    const QString plu = in.string(u"plu"_s, true, 32).value_or(QString());
    const qint64 shelf =
        in.integer(u"quantity_on_shelf"_s, true, 0, StockStore::kMaxQuantity).value_or(0);
    const qint64 order =
        in.integer(u"quantity_in_order"_s, true, 0, StockStore::kMaxQuantity).value_or(0);
    QString action = u"stock_created"_s;
    qint64 shelfDelta = shelf, orderDelta = order;
    // A shop introducing itself to central sends the stock it already had
    // as stock.created, with a reason saying so.
    const QString reason = in.string(u"reason"_s, false, 500).value_or(QString());
    QString at = event.createdAt;
    if (!created) {
        action = in.string(u"action"_s, true, 32).value_or(QString());
        const qint64 limit = StockStore::kMaxQuantity;
        shelfDelta = in.integer(u"shelf_delta"_s, true, -limit, limit).value_or(0);
        orderDelta = in.integer(u"order_delta"_s, true, -limit, limit).value_or(0);
        at = in.string(u"at"_s, false, 40).value_or(at);
        if (in.ok() &&
            (!HistoryFilter::knownActions().contains(action) || action == u"product_created"_s ||
             action == u"product_changed"_s))
            in.fail(u"action"_s, tr("\"%1\" is not a stock action.").arg(action));
    }
    // history_id orders the changes of one stock (0: an old shop that does
    // not send it; then the event always applies).
    const qint64 seq =
        in.integer(u"history_id"_s, false, 0, std::numeric_limits<qint64>::max() / 2).value_or(0);
    if (!in.ok())
        return rejected(event, u"invalid"_s, in.message(), in.field());
    // PostgreSQL reads the shop's ISO time itself, keeping its microseconds;
    // Qt only checks that it is a time at all.
    const bool atValid = QDateTime::fromString(at, Qt::ISODateWithMs).isValid();
    if (!at.isEmpty() && !atValid)
        return rejected(event, u"invalid"_s,
                        tr("payload.at must be an ISO 8601 time, not \"%1\".").arg(at.left(40)),
                        u"payload.at"_s);
    auto shopId = shopIdForCode(shopCode);
    if (!shopId)
        return shopId.error();
    if (shopId.value() == 0)
        return rejected(event, u"not_found"_s,
                        tr("Central does not know the shop %1.").arg(shopCode),
                        u"payload.shop_code"_s);
    if (!caller.mayWriteShop(shopId.value()))
        return rejected(event, u"forbidden"_s,
                        tr("This token belongs to shop %1; it may not change the stock of "
                           "shop %2.")
                            .arg(caller.shopCode, shopCode),
                        u"payload.shop_code"_s);

    // The shop's quantities after the change are the truth: central takes
    // them as they are (creating its copy of the stock if it had none).
    auto q = Sql::run(
        m_db,
        u"WITH product AS (SELECT id, plu FROM products WHERE plu = :plu), "
        // Nothing is written for an unknown product, so a refusal needs no undo.
        "fresh AS (INSERT INTO applied_events (idempotency_key, shop_id, event_type) "
        "  SELECT :key::uuid, :shop::bigint, :type WHERE EXISTS (SELECT 1 FROM product) "
        "  ON CONFLICT DO NOTHING RETURNING 1), "
        "args AS (SELECT p.id AS product_id, p.plu, :shop::bigint AS shop, :shelf::int AS shelf, "
        "  :ord::int AS ord, nullif(:seq::bigint, 0) AS seq FROM product p "
        "  WHERE EXISTS (SELECT 1 FROM fresh)), "
        // Only a change newer than the one the stock shows moves its quantities.
        "stored AS (INSERT INTO stocks (product_id, shop_id, shelf_qty, order_qty, sync_seq) "
        "  SELECT product_id, shop, shelf, ord, seq FROM args "
        "  ON CONFLICT (product_id, shop_id) DO UPDATE SET shelf_qty = EXCLUDED.shelf_qty, "
        "  order_qty = EXCLUDED.order_qty, sync_seq = EXCLUDED.sync_seq, updated_at = now() "
        "  WHERE stocks.sync_seq IS NULL OR EXCLUDED.sync_seq IS NULL "
        "     OR stocks.sync_seq < EXCLUDED.sync_seq "
        "  RETURNING 1), "
        // The history row is the shop's, late or not.
        "logged AS (INSERT INTO history (at, shop_id, product_id, plu, action, shelf_delta, "
        "  order_delta, shelf_after, order_after, reason) "
        "  SELECT coalesce(:at::timestamptz, now()), a.shop, a.product_id, a.plu, :action, "
        "  :shelf_delta, :order_delta, a.shelf, a.ord, coalesce(:reason::text, '') "
        "  FROM args a RETURNING 1) "
        "SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM product), "
        "  (SELECT count(*) FROM stored)"_s,
        {{u":plu"_s, plu},
         {u":key"_s, event.idempotencyKey},
         {u":shop"_s, shopId.value()},
         {u":type"_s, event.type},
         {u":shelf"_s, shelf},
         {u":ord"_s, order},
         {u":seq"_s, seq},
         {u":at"_s, atValid ? QVariant(at) : QVariant()},
         {u":action"_s, action},
         {u":shelf_delta"_s, shelfDelta},
         {u":order_delta"_s, orderDelta},
         {u":reason"_s, reason}});
    if (!q)
        return q.error();
    q.value().next();
    if (q.value().value(1).toInt() == 0)
        return rejected(event, u"not_found"_s,
                        tr("Central has no product with PLU %1; its product.created event "
                           "must come first.")
                            .arg(plu),
                        u"payload.plu"_s);
    return q.value().value(0).toInt() == 1 ? applied : duplicate;
}

} // namespace shopdesk
