#include "LabelQueueStore.h"

#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/SqlRow.h"
#include "models/core/Transaction.h"

#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum class QueueColumn {
    Id,
    ProductId,
    Plu,
    Name,
    Barcode,
    Price,
    SoldByWeight,
    Reason,
    ValidFrom,
    QueuedAt,
    Revision,
};

QueuedLabel rowFrom(const SqlRow &row)
{
    QueuedLabel label;
    label.id = row[QueueColumn::Id].toLongLong();
    label.productId = row[QueueColumn::ProductId].toLongLong();
    label.plu = row[QueueColumn::Plu].toString();
    label.name = row[QueueColumn::Name].toString();
    label.barcode = row[QueueColumn::Barcode].toString();
    label.price = row[QueueColumn::Price].toLongLong();
    label.soldByWeight = row[QueueColumn::SoldByWeight].toBool();
    label.reason = LabelQueueStore::reasonFromKey(row[QueueColumn::Reason].toString());
    const QVariant validFrom = row[QueueColumn::ValidFrom];
    if (!validFrom.isNull())
        label.validFrom = validFrom.toDateTime().toTimeZone(QTimeZone::utc());
    label.queuedAt = row[QueueColumn::QueuedAt].toDateTime().toTimeZone(QTimeZone::utc());
    label.revision = row[QueueColumn::Revision].toInt();
    return label;
}

} // namespace

QString LabelQueueStore::reasonKey(LabelReason reason)
{
    switch (reason) {
    case LabelReason::PriceChanged:
        return u"price_changed"_s;
    case LabelReason::PriceScheduled:
        return u"price_scheduled"_s;
    case LabelReason::Requested:
        break;
    }
    return u"requested"_s;
}

LabelReason LabelQueueStore::reasonFromKey(const QString &key)
{
    if (key == u"price_changed"_s)
        return LabelReason::PriceChanged;
    if (key == u"price_scheduled"_s)
        return LabelReason::PriceScheduled;
    return LabelReason::Requested;
}

QString LabelQueueStore::reasonText(LabelReason reason)
{
    switch (reason) {
    case LabelReason::PriceChanged:
        return tr("Price changed");
    case LabelReason::PriceScheduled:
        return tr("Price scheduled");
    case LabelReason::Requested:
        break;
    }
    return tr("Requested");
}

Result<void> LabelQueueStore::enqueue(const QSqlDatabase &db, qint64 productId,
                                      const std::optional<QDateTime> &validFrom, LabelReason reason,
                                      std::optional<qint64> price, qint64 queuedBy)
{
    if (validFrom && !validFrom->isValid())
        return StoreError::invalid(u"validFrom"_s, tr("The date the price starts is not valid."));
    if (price && *price < 0)
        return StoreError::invalid(u"price"_s, tr("A label's price cannot be negative."));
    auto queued =
        Sql::run(db,
                 u"INSERT INTO label_queue (product_id, reason, valid_from, price, queued_by) "
                 "VALUES (:product_id, :reason, :valid_from, :price, :queued_by) "
                 "ON CONFLICT (product_id, coalesce(valid_from, '-infinity'::timestamptz)) "
                 "WHERE printed_at IS NULL DO UPDATE SET reason = EXCLUDED.reason, "
                 "price = EXCLUDED.price, queued_at = now(), queued_by = EXCLUDED.queued_by, "
                 "revision = label_queue.revision + 1"_s,
                 {{u":product_id"_s, productId},
                  {u":reason"_s, reasonKey(reason)},
                  {u":valid_from"_s, validFrom ? QVariant(validFrom->toUTC()) : QVariant()},
                  {u":price"_s, price ? QVariant(*price) : QVariant()},
                  {u":queued_by"_s, queuedBy > 0 ? QVariant(queuedBy) : QVariant()}});
    if (!queued) {
        if (queued.error().isForeignKeyViolation())
            return StoreError::notFound(tr("The product is not in the catalog."));
        return queued.error();
    }
    return {};
}

Result<void> LabelQueueStore::enqueueMany(const QSqlDatabase &db, const QList<qint64> &productIds,
                                          const std::optional<QDateTime> &validFrom,
                                          LabelReason reason, const QList<qint64> &prices,
                                          qint64 queuedBy)
{
    if (validFrom && !validFrom->isValid())
        return StoreError::invalid(u"validFrom"_s, tr("The date the price starts is not valid."));
    if (!prices.isEmpty() && prices.size() != productIds.size())
        return StoreError::invalid(u"price"_s, tr("Each label needs its own price."));
    if (productIds.isEmpty())
        return {};
    // unnest of an empty price array gives NULLs beside the products: the
    // product's price when printed.
    auto queued = Sql::run(
        db,
        u"INSERT INTO label_queue (product_id, reason, valid_from, price, queued_by) "
        "SELECT q.product_id, :reason::text, :valid_from::timestamptz, q.price, :queued_by::bigint "
        "FROM unnest(:products::bigint[], :prices::bigint[]) AS q (product_id, price) "
        "ON CONFLICT (product_id, coalesce(valid_from, '-infinity'::timestamptz)) "
        "WHERE printed_at IS NULL DO UPDATE SET reason = EXCLUDED.reason, "
        "price = EXCLUDED.price, queued_at = now(), queued_by = EXCLUDED.queued_by, "
        "revision = label_queue.revision + 1"_s,
        {{u":products"_s, PgArray::integers(productIds)},
         {u":prices"_s, PgArray::integers(prices)},
         {u":reason"_s, reasonKey(reason)},
         {u":valid_from"_s, validFrom ? QVariant(validFrom->toUTC()) : QVariant()},
         {u":queued_by"_s, queuedBy > 0 ? QVariant(queuedBy) : QVariant()}});
    if (!queued) {
        if (queued.error().isForeignKeyViolation())
            return StoreError::notFound(tr("The product is not in the catalog."));
        return queued.error();
    }
    return {};
}

Result<void> LabelQueueStore::enqueueScheduled(const QSqlDatabase &db,
                                               const QList<qint64> &productIds,
                                               const QList<QDateTime> &validFroms,
                                               const QList<qint64> &prices)
{
    if (validFroms.size() != productIds.size() || prices.size() != productIds.size())
        return StoreError::invalid(u"price"_s, tr("Each label needs its own price."));
    if (productIds.isEmpty())
        return {};
    QStringList froms;
    froms.reserve(validFroms.size());
    for (const QDateTime &at : validFroms) {
        if (!at.isValid())
            return StoreError::invalid(u"validFrom"_s,
                                       tr("The date the price starts is not valid."));
        froms << at.toUTC().toString(Qt::ISODateWithMs);
    }
    auto queued =
        Sql::run(db,
                 u"INSERT INTO label_queue (product_id, reason, valid_from, price) "
                 "SELECT q.product_id, :reason::text, q.valid_from, q.price "
                 "FROM unnest(:products::bigint[], :froms::timestamptz[], :prices::bigint[]) "
                 "  AS q (product_id, valid_from, price) "
                 "ON CONFLICT (product_id, coalesce(valid_from, '-infinity'::timestamptz)) "
                 "WHERE printed_at IS NULL DO UPDATE SET reason = EXCLUDED.reason, "
                 "price = EXCLUDED.price, queued_at = now(), queued_by = NULL, "
                 "revision = label_queue.revision + 1"_s,
                 {{u":products"_s, PgArray::integers(productIds)},
                  {u":froms"_s, PgArray::text(froms)},
                  {u":prices"_s, PgArray::integers(prices)},
                  {u":reason"_s, reasonKey(LabelReason::PriceScheduled)}});
    if (!queued) {
        if (queued.error().isForeignKeyViolation())
            return StoreError::notFound(tr("The product is not in the catalog."));
        return queued.error();
    }
    return {};
}

Result<void> LabelQueueStore::withdraw(const QSqlDatabase &db, qint64 productId,
                                       const QDateTime &validFrom)
{
    auto q = Sql::run(db,
                      u"DELETE FROM label_queue WHERE product_id = ? AND valid_from = ? "
                      "AND printed_at IS NULL"_s,
                      {productId, validFrom.toUTC()});
    if (!q)
        return q.error();
    return {};
}

Result<int> LabelQueueStore::request(const Actor &actor, const QList<qint64> &productIds)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (productIds.isEmpty())
        return StoreError::invalid(u"products"_s, tr("Choose the products to queue labels for."));
    if (productIds.size() > kMaxList)
        return StoreError::invalid(
            u"products"_s, tr("At most %Ln labels can be queued at once.", nullptr, kMaxList));
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto queued =
        Sql::run(m_db,
                 u"INSERT INTO label_queue (product_id, reason, queued_by) "
                 "SELECT p.id, 'requested', :queued_by FROM products p "
                 "WHERE p.id = ANY(:ids::bigint[]) "
                 "ON CONFLICT (product_id, coalesce(valid_from, '-infinity'::timestamptz)) "
                 "WHERE printed_at IS NULL DO UPDATE SET queued_at = now(), "
                 "queued_by = EXCLUDED.queued_by, revision = label_queue.revision + 1"_s,
                 {{u":queued_by"_s, actor.staffId}, {u":ids"_s, PgArray::integers(productIds)}});
    if (!queued)
        return queued.error();
    const int count = queued.value().numRowsAffected();
    if (auto done = tx.commit(); !done)
        return done.error();
    return count;
}

namespace {
// A label waits for a shop that has not printed its current revision.
const QString kWaitingFor =
    u"q.printed_at IS NULL AND NOT EXISTS (SELECT 1 FROM label_prints lp "
    "WHERE lp.label_id = q.id AND lp.shop_id = :shop AND lp.revision >= q.revision)"_s;
} // namespace

Result<QList<QueuedLabel>> LabelQueueStore::waiting(qint64 shopId, int limit) const
{
    auto query = Sql::run(m_db,
                          u"SELECT q.id, q.product_id, p.plu, p.name, coalesce(p.barcode, ''), "
                          "coalesce(q.price, p.price), p.sold_by_weight, q.reason, q.valid_from, "
                          "q.queued_at, q.revision "
                          "FROM label_queue q JOIN products p ON p.id = q.product_id "
                          "WHERE %1 ORDER BY q.queued_at, q.id LIMIT :limit"_s.arg(kWaitingFor),
                          {{u":shop"_s, shopId}, {u":limit"_s, std::clamp(limit, 1, kMaxList)}});
    if (!query)
        return query.error();
    QList<QueuedLabel> labels;
    while (query.value().next())
        labels << rowFrom(query.value());
    return labels;
}

Result<qint64> LabelQueueStore::waitingCount(qint64 shopId) const
{
    auto count = Sql::run(m_db, u"SELECT count(*) FROM label_queue q WHERE %1"_s.arg(kWaitingFor),
                          {{u":shop"_s, shopId}});
    if (!count)
        return count.error();
    count.value().next();
    return count.value().value(0).toLongLong();
}

Result<int> LabelQueueStore::markPrinted(const Actor &actor, const QList<QueuedLabel> &printed)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (actor.shopId <= 0)
        return StoreError::invalid(u"shop"_s, tr("Choose the shop the labels were printed for."));
    if (printed.isEmpty())
        return 0;
    QList<qint64> ids, revisions;
    for (const QueuedLabel &label : printed) {
        ids << label.id;
        revisions << label.revision;
    }
    // Only the revision that was listed: a label queued again since (a newer
    // price) was not what was printed, and keeps waiting.
    auto marked =
        Sql::run(m_db,
                 u"INSERT INTO label_prints AS lp (label_id, shop_id, revision, printed_by) "
                 "SELECT q.id, :shop, q.revision, nullif(:by::bigint, 0) FROM label_queue q "
                 "JOIN unnest(:ids::bigint[], :revisions::bigint[]) AS x(id, revision) "
                 "  ON q.id = x.id AND q.revision = x.revision WHERE q.printed_at IS NULL "
                 "ON CONFLICT (label_id, shop_id) DO UPDATE SET revision = EXCLUDED.revision, "
                 "  printed_at = now(), printed_by = EXCLUDED.printed_by "
                 "  WHERE lp.revision < EXCLUDED.revision"_s,
                 {{u":shop"_s, actor.shopId},
                  {u":by"_s, actor.staffId},
                  {u":ids"_s, PgArray::integers(ids)},
                  {u":revisions"_s, PgArray::integers(revisions)}});
    if (!marked)
        return marked.error();
    return marked.value().numRowsAffected();
}

} // namespace shopdesk
