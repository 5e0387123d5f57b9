#include "PriceDocumentStore.h"

#include "models/catalog/ProductStore.h"
#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/labels/LabelQueueStore.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The SELECT list of a document and its reading, side by side.
const QString kDocumentColumns =
    u"d.id, d.status, d.reason, d.valid_from, coalesce(c.display_name, ''), d.created_at, "
    "coalesce(s.display_name, ''), d.posted_at, "
    "(SELECT count(*) FROM price_document_lines l WHERE l.document_id = d.id), "
    "coalesce(d.changed, 0)"_s;
const QString kDocumentFrom = u"price_documents d LEFT JOIN staff c ON c.id = d.created_by "
                              "LEFT JOIN staff s ON s.id = d.posted_by"_s;

PriceDocument documentFrom(const QSqlQuery &q)
{
    PriceDocument d;
    d.id = q.value(0).toLongLong();
    d.status = documentStatusFromKey(q.value(1).toString()).value_or(DocumentStatus::Draft);
    d.reason = q.value(2).toString();
    d.validFrom = q.value(3).toDateTime();
    d.createdBy = q.value(4).toString();
    d.createdAt = q.value(5).toDateTime();
    d.postedBy = q.value(6).toString();
    d.postedAt = q.value(7).toDateTime();
    d.lineCount = q.value(8).toLongLong();
    d.changed = q.value(9).toInt();
    return d;
}

const QString kLineColumns = u"l.product_id, p.plu, p.name, p.sold_by_weight, l.old_price, "
                             "l.new_price, price_at(p, now())"_s;

PriceDocumentLine lineFrom(const QSqlQuery &q)
{
    PriceDocumentLine l;
    l.productId = q.value(0).toLongLong();
    l.plu = q.value(1).toString();
    l.name = q.value(2).toString();
    l.soldByWeight = q.value(3).toBool();
    l.oldPrice = q.value(4).toLongLong();
    l.newPrice = q.value(5).toLongLong();
    l.currentPrice = q.value(6).toLongLong();
    return l;
}

QVariant utcOrNull(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toUTC()) : QVariant();
}

// "123, 456, 789 and 2 more": a refusal names the first few of many PLUs.
QString someOf(const QStringList &plus)
{
    constexpr int kNamed = 5;
    if (plus.size() <= kNamed)
        return plus.join(u", "_s);
    return PriceDocumentStore::tr("%1 and %Ln more", nullptr, int(plus.size() - kNamed))
        .arg(plus.first(kNamed).join(u", "_s));
}

bool isCancelled(const std::atomic_bool *cancelled)
{
    return cancelled && cancelled->load();
}

} // namespace

std::optional<StoreError> PriceDocumentStore::checkHeader(const PriceDocumentHeader &header) const
{
    if (header.reason.trimmed().size() > 500)
        return StoreError::invalid(u"reason"_s, tr("The reason must be at most 500 characters."));
    if (header.validFrom.isValid()) {
        // The database's clock decides, as it does for the sale.
        auto later =
            Sql::scalar(m_db, u"SELECT ?::timestamptz > now()"_s, {header.validFrom.toUTC()});
        if (!later)
            return later.error();
        if (!later.value().toBool())
            return StoreError::invalid(u"valid_from"_s,
                                       tr("The new prices can start now or at a later moment, "
                                          "not in the past."));
    }
    return std::nullopt;
}

template<typename Work>
auto PriceDocumentStore::inDraft(qint64 id, Work work) -> decltype(work())
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    if (auto draft = lockDraft(id); !draft)
        return draft.error();
    auto result = work();
    if (!result)
        return result; // rolled back with the transaction
    if (auto done = tx.commit(); !done)
        return done.error();
    return result;
}

Result<PriceDocument> PriceDocumentStore::createDraft(const Actor &actor,
                                                      const PriceDocumentHeader &header)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto invalid = checkHeader(header))
        return *invalid;
    auto q = Sql::run(
        m_db,
        u"INSERT INTO price_documents (reason, valid_from, created_by) "
        "VALUES (coalesce(?::text, ''), ?::timestamptz, nullif(?::bigint, 0)) RETURNING id"_s,
        {header.reason.trimmed(), utcOrNull(header.validFrom), actor.staffId});
    if (!q)
        return q.error();
    q.value().next();
    return byId(q.value().value(0).toLongLong());
}

Result<PriceDocument> PriceDocumentStore::updateDraft(const Actor &actor, qint64 id,
                                                      const PriceDocumentHeader &header)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto invalid = checkHeader(header))
        return *invalid;
    return inDraft(id, [&]() -> Result<PriceDocument> {
        auto q = Sql::run(m_db,
                          u"UPDATE price_documents SET reason = coalesce(?::text, ''), valid_from "
                          u"= ?::timestamptz, "
                          "updated_at = now() WHERE id = ?"_s,
                          {header.reason.trimmed(), utcOrNull(header.validFrom), id});
        if (!q)
            return q.error();
        return byId(id);
    });
}

Result<PriceDocument> PriceDocumentStore::byId(qint64 id) const
{
    auto q = Sql::run(
        m_db, u"SELECT %1 FROM %2 WHERE d.id = ?"_s.arg(kDocumentColumns, kDocumentFrom), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no price change No. %1.").arg(id));
    return documentFrom(q.value());
}

Result<QList<PriceDocument>> PriceDocumentStore::list(int limit) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM %2 ORDER BY d.created_at DESC, d.id DESC LIMIT ?"_s.arg(
                          kDocumentColumns, kDocumentFrom),
                      {qBound(1, limit, kMaxList)});
    if (!q)
        return q.error();
    QList<PriceDocument> documents;
    while (q.value().next())
        documents.append(documentFrom(q.value()));
    return documents;
}

Result<void> PriceDocumentStore::lockDraft(qint64 id)
{
    auto q = Sql::run(m_db, u"SELECT status FROM price_documents WHERE id = ? FOR UPDATE"_s, {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no price change No. %1.").arg(id));
    const auto status = documentStatusFromKey(q.value().value(0).toString());
    if (status == DocumentStatus::Posted)
        return StoreError::conflict(tr("Price change No. %1 is posted: its prices are history "
                                       "and it can no longer change. Make a new one.")
                                        .arg(id));
    if (status != DocumentStatus::Draft)
        return StoreError::conflict(
            tr("Price change No. %1 is cancelled and can no longer change.").arg(id));
    return {};
}

Result<int> PriceDocumentStore::addLines(const Actor &actor, qint64 id,
                                         const PriceSelection &selection, const PriceRule &rule,
                                         const std::atomic_bool *cancelled)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto invalid = rule.check())
        return *invalid;

    QString where;
    QVariantList values;
    QStringList plus;
    switch (selection.kind) {
    case PriceSelection::Kind::Plus:
        for (const QString &plu : selection.plus)
            if (const QString p = plu.trimmed(); !p.isEmpty() && !plus.contains(p))
                plus << p;
        if (plus.isEmpty())
            return StoreError::invalid(u"plus"_s, tr("Give at least one PLU."));
        where = u"p.plu = ANY (?::text[])"_s;
        values << PgArray::text(plus);
        break;
    case PriceSelection::Kind::NameContains:
        if (selection.text.trimmed().isEmpty())
            return StoreError::invalid(u"text"_s, tr("Type a part of the products' name."));
        where = u"p.name ILIKE ?"_s;
        values << ProductStore::likePattern(selection.text.trimmed());
        break;
    case PriceSelection::Kind::AllProducts:
        where = u"true"_s;
        break;
    case PriceSelection::Kind::Category: {
        auto known = Sql::scalar(m_db, u"SELECT EXISTS (SELECT 1 FROM categories WHERE id = ?)"_s,
                                 {selection.categoryId});
        if (!known)
            return known.error();
        if (!known.value().toBool())
            return StoreError::invalid(u"category"_s, tr("Choose a category."));
        where = u"p.category_id IN (SELECT category_subtree(?))"_s;
        values << selection.categoryId;
        break;
    }
    }

    return inDraft(id, [&]() -> Result<int> {
        auto q = Sql::run(
            m_db,
            u"SELECT p.id, p.plu, p.active, price_at(p, now()) FROM products p WHERE %1 ORDER BY p.id"_s
                .arg(where),
            values);
        if (!q)
            return q.error();

        QList<qint64> ids, oldPrices, newPrices;
        QStringList archived;
        QSet<QString> found;
        while (q.value().next()) {
            const QString plu = q.value().value(1).toString();
            if (selection.kind == PriceSelection::Kind::Plus)
                found.insert(plu);
            if (!q.value().value(2).toBool()) {
                archived << plu;
                continue;
            }
            const qint64 oldPrice = q.value().value(3).toLongLong();
            auto price = rule.apply(oldPrice);
            if (!price) {
                StoreError e = price.error();
                e.message = tr("PLU %1: %2").arg(plu, e.message);
                return e;
            }
            ids << q.value().value(0).toLongLong();
            oldPrices << oldPrice;
            newPrices << price.value();
            if ((ids.size() % 10000) == 0 && isCancelled(cancelled))
                return StoreError::cancelled(tr("Stopped; no line was added."));
        }
        if (selection.kind == PriceSelection::Kind::Plus) {
            QStringList missing;
            for (const QString &plu : std::as_const(plus))
                if (!found.contains(plu))
                    missing << plu;
            if (!missing.isEmpty())
                return StoreError::invalid(u"plus"_s,
                                           tr("No product has PLU %1.").arg(someOf(missing)));
            if (!archived.isEmpty())
                return StoreError::invalid(
                    u"plus"_s, tr("Archived products keep their price: %1.").arg(someOf(archived)));
        }
        if (ids.isEmpty())
            return StoreError::invalid(
                selection.kind == PriceSelection::Kind::NameContains   ? u"text"_s
                    : selection.kind == PriceSelection::Kind::Category ? u"category"_s
                                                                       : u"plus"_s,
                tr("No active product matches."));
        if (isCancelled(cancelled))
            return StoreError::cancelled(tr("Stopped; no line was added."));

        auto added = Sql::run(
            m_db,
            u"INSERT INTO price_document_lines (document_id, product_id, old_price, new_price) "
            "SELECT :id, l.* FROM unnest(:ids::bigint[], :old::bigint[], :new::bigint[]) "
            "  AS l (product_id, old_price, new_price) "
            "ON CONFLICT (document_id, product_id) DO UPDATE SET old_price = EXCLUDED.old_price, "
            "  new_price = EXCLUDED.new_price"_s,
            {{u":id"_s, id},
             {u":ids"_s, PgArray::integers(ids)},
             {u":old"_s, PgArray::integers(oldPrices)},
             {u":new"_s, PgArray::integers(newPrices)}});
        if (!added)
            return added.error();
        if (auto touched = Sql::run(
                m_db, u"UPDATE price_documents SET updated_at = now() WHERE id = ?"_s, {id});
            !touched)
            return touched.error();
        return int(ids.size());
    });
}

Result<PriceDocumentLine> PriceDocumentStore::setLinePrice(const Actor &actor, qint64 id,
                                                           qint64 productId, qint64 price)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto invalid = PriceRule::setPrice(price).check())
        return *invalid;
    return inDraft(id, [&]() -> Result<PriceDocumentLine> {
        auto q = Sql::run(
            m_db,
            u"WITH changed AS (UPDATE price_document_lines SET new_price = ? "
            "  WHERE document_id = ? AND product_id = ? RETURNING *) "
            "SELECT %1 FROM changed l JOIN products p ON p.id = l.product_id"_s.arg(kLineColumns),
            {price, id, productId});
        if (!q)
            return q.error();
        if (!q.value().next())
            return StoreError::notFound(tr("The product is not on this price change."));
        return lineFrom(q.value());
    });
}

Result<int> PriceDocumentStore::removeLines(const Actor &actor, qint64 id,
                                            const QList<qint64> &productIds)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    return inDraft(id, [&]() -> Result<int> {
        auto q = Sql::run(m_db,
                          u"DELETE FROM price_document_lines WHERE document_id = ? "
                          "AND product_id = ANY (?::bigint[])"_s,
                          {id, PgArray::integers(productIds)});
        if (!q)
            return q.error();
        return q.value().numRowsAffected();
    });
}

Result<QList<PriceDocumentLine>> PriceDocumentStore::lines(qint64 id, qint64 afterProductId,
                                                           int limit) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM price_document_lines l JOIN products p ON p.id = "
                      "l.product_id WHERE l.document_id = ? AND l.product_id > ? "
                      "ORDER BY l.product_id LIMIT ?"_s.arg(kLineColumns),
                      {id, afterProductId, qBound(1, limit, kMaxLinesPage)});
    if (!q)
        return q.error();
    QList<PriceDocumentLine> lines;
    while (q.value().next())
        lines.append(lineFrom(q.value()));
    return lines;
}

Result<PriceDocument> PriceDocumentStore::post(const Actor &actor, qint64 id)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    return inDraft(id, [&]() -> Result<PriceDocument> {
        // The lines' products are locked too: a price edited at the same moment
        // waits for the document, or the document for it.
        auto header = Sql::run(
            m_db,
            u"SELECT d.reason, d.valid_from, d.valid_from IS NULL OR d.valid_from > now(), "
            "  (SELECT count(*) FROM (SELECT 1 FROM products p JOIN price_document_lines l "
            "   ON l.product_id = p.id WHERE l.document_id = d.id FOR UPDATE OF p) x) "
            "FROM price_documents d WHERE d.id = ?"_s,
            {id});
        if (!header)
            return header.error();
        header.value().next();
        const QString docReason = header.value().value(0).toString();
        const QDateTime validFrom = header.value().value(1).toDateTime();
        if (header.value().value(3).toLongLong() == 0)
            return StoreError::conflict(tr("Price change No. %1 has no products.").arg(id));
        if (!header.value().value(2).toBool())
            return StoreError::invalid(u"valid_from"_s,
                                       tr("The start of these prices has passed; change it to a "
                                          "later moment, or to now."));
        const QString reason = docReason.isEmpty()
            ? tr("Price change No. %1").arg(id)
            : tr("Price change No. %1: %2").arg(QString::number(id), docReason);

        auto archived =
            Sql::run(m_db,
                     u"SELECT p.plu FROM price_document_lines l JOIN products p ON p.id = "
                     "l.product_id WHERE l.document_id = ? AND NOT p.active "
                     "ORDER BY p.plu LIMIT 6"_s,
                     {id});
        if (!archived)
            return archived.error();
        QStringList archivedPlus;
        while (archived.value().next())
            archivedPlus << archived.value().value(0).toString();
        if (!archivedPlus.isEmpty())
            return StoreError::invalid(u"plus"_s,
                                       tr("Archived since they were added, these products keep "
                                          "their price: %1. Remove them from the document.")
                                           .arg(someOf(archivedPlus)));

        QList<qint64> labelled, labelPrices;
        int changed = 0;
        if (validFrom.isValid()) {
            auto taken = Sql::run(m_db,
                                  u"SELECT p.plu FROM price_document_lines l "
                                  "JOIN product_prices pp ON pp.product_id = l.product_id "
                                  "  AND pp.valid_from = ?::timestamptz "
                                  "JOIN products p ON p.id = l.product_id WHERE l.document_id = ? "
                                  "ORDER BY p.plu LIMIT 6"_s,
                                  {validFrom.toUTC(), id});
            if (!taken)
                return taken.error();
            QStringList takenPlus;
            while (taken.value().next())
                takenPlus << taken.value().value(0).toString();
            if (!takenPlus.isEmpty())
                return StoreError::invalid(u"plus"_s,
                                           tr("These products already have a price from that "
                                              "moment: %1. Choose another time.")
                                               .arg(someOf(takenPlus)));
            auto q =
                Sql::run(m_db,
                         u"INSERT INTO product_prices (product_id, price, valid_from, staff_id, "
                         "  reason, document_id) "
                         "SELECT l.product_id, l.new_price, d.valid_from, nullif(?::bigint, 0), "
                         "  ?, d.id FROM price_document_lines l "
                         "JOIN price_documents d ON d.id = l.document_id WHERE d.id = ? "
                         "RETURNING product_id, price"_s,
                         {actor.staffId, reason, id});
            if (!q)
                return q.error();
            while (q.value().next()) {
                labelled << q.value().value(0).toLongLong();
                labelPrices << q.value().value(1).toLongLong();
            }
            changed = int(labelled.size());
            if (auto queued = LabelQueueStore::enqueueMany(m_db, labelled, validFrom.toUTC(),
                                                           LabelReason::PriceScheduled, labelPrices,
                                                           actor.staffId);
                !queued)
                return queued.error();
        } else {
            // One statement, as ProductStore::update does for one product: the
            // prices from now, the price rows naming the document (written
            // before the trigger's, which then skips them), the changes and the
            // history rows. A line whose price already holds changes nothing.
            auto q = Sql::run(
                m_db,
                u"WITH lines AS (SELECT l.product_id, l.new_price, price_at(p, now()) AS old_price "
                "  FROM price_document_lines l JOIN products p ON p.id = l.product_id "
                "  WHERE l.document_id = :id), "
                "todo AS (SELECT * FROM lines WHERE old_price <> new_price), "
                "changed AS (UPDATE products p SET price = t.new_price, price_from = now(), "
                "  updated_at = now() FROM todo t WHERE p.id = t.product_id "
                "  RETURNING p.id, p.plu, p.price, p.price_from), "
                "priced AS (INSERT INTO product_prices (product_id, price, valid_from, staff_id, "
                "  reason, document_id) SELECT c.id, c.price, c.price_from, nullif(:staff::bigint, "
                "0), "
                "  :reason, :id FROM changed c), "
                "kept AS (INSERT INTO product_changes (product_id, staff_id, reason, before, "
                "after, "
                "  document_id) SELECT c.id, nullif(:staff::bigint, 0), :reason, "
                "  jsonb_build_object('price', t.old_price), jsonb_build_object('price', c.price), "
                ":id "
                "  FROM changed c JOIN todo t ON t.product_id = c.id), "
                "logged AS (INSERT INTO history (product_id, plu, action, staff_id, reason) "
                "  SELECT c.id, c.plu, 'product_changed', nullif(:staff::bigint, 0), :reason "
                "  FROM changed c) "
                "SELECT id FROM changed"_s,
                {{u":id"_s, id}, {u":staff"_s, actor.staffId}, {u":reason"_s, reason}});
            if (!q)
                return q.error();
            while (q.value().next())
                labelled << q.value().value(0).toLongLong();
            changed = int(labelled.size());
            if (auto queued = LabelQueueStore::enqueueMany(
                    m_db, labelled, std::nullopt, LabelReason::PriceChanged, {}, actor.staffId);
                !queued)
                return queued.error();
        }
        auto posted = Sql::run(m_db,
                               u"UPDATE price_documents SET status = 'posted', posted_at = now(), "
                               "posted_by = nullif(?::bigint, 0), changed = ?, updated_at = now() "
                               "WHERE id = ?"_s,
                               {actor.staffId, changed, id});
        if (!posted)
            return posted.error();
        return byId(id);
    });
}

Result<PriceDocument> PriceDocumentStore::cancel(const Actor &actor, qint64 id)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    return inDraft(id, [&]() -> Result<PriceDocument> {
        auto q = Sql::run(m_db,
                          u"UPDATE price_documents SET status = 'cancelled', updated_at = now() "
                          "WHERE id = ?"_s,
                          {id});
        if (!q)
            return q.error();
        return byId(id);
    });
}

} // namespace shopdesk
