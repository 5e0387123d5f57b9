#include "GoodsReceiptStore.h"

#include "MovingAverage.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Quantity.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/orders/OrderPricing.h"
#include "models/stock/StockStore.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace shopdesk {

qint64 ReceiptLine::amount() const
{
    return OrderPricing::lineAmount(price, quantity, soldByWeight);
}

namespace {

// The SELECT list of a receipt over `d` (stock_documents) and its reading,
// side by side.
const QString kReceiptColumns =
    u"d.id, d.shop_id, d.number, d.status, d.supplier_id, d.invoice_number, "
    "to_char(d.invoice_date, 'YYYY-MM-DD'), d.note, "
    "(SELECT r.number FROM stock_documents r WHERE r.id = d.reverses), "
    "(SELECT r.number FROM stock_documents r WHERE r.reverses = d.id), d.revision, "
    "(SELECT display_name FROM staff WHERE id = d.created_by), d.created_at, "
    "(SELECT display_name FROM staff WHERE id = d.posted_by), d.posted_at, "
    "(SELECT name FROM suppliers WHERE id = d.supplier_id), "
    "(SELECT count(*) FROM stock_document_lines l WHERE l.document_id = d.id), "
    "(SELECT coalesce(sum(CASE WHEN p.sold_by_weight THEN (l.quantity * l.price + 500) / 1000 "
    "   ELSE l.quantity * l.price END), 0) "
    " FROM stock_document_lines l JOIN products p ON p.id = l.product_id "
    " WHERE l.document_id = d.id)"_s;

GoodsReceipt receiptFrom(const QSqlQuery &q)
{
    GoodsReceipt r;
    r.id = q.value(0).toLongLong();
    r.shopId = q.value(1).toLongLong();
    r.number = q.value(2).toInt();
    r.status = documentStatusFromKey(q.value(3).toString()).value_or(DocumentStatus::Draft);
    r.header.supplierId = q.value(4).toLongLong();
    r.header.invoiceNumber = q.value(5).toString();
    r.header.invoiceDate = QDate::fromString(q.value(6).toString(), Qt::ISODate);
    r.header.note = q.value(7).toString();
    r.reversesNumber = q.value(8).toInt();
    r.reversedByNumber = q.value(9).toInt();
    r.revision = q.value(10).toInt();
    r.createdBy = q.value(11).toString();
    r.createdAt = q.value(12).toDateTime();
    r.postedBy = q.value(13).toString();
    r.postedAt = q.value(14).toDateTime();
    r.supplierName = q.value(15).toString();
    r.lineCount = q.value(16).toInt();
    r.total = q.value(17).toLongLong();
    return r;
}

// The lines' SELECT list over `l` (lines) and `p` (products).
const QString kLineColumns =
    u"l.product_id, p.plu, p.name, coalesce(p.barcode, ''), p.sold_by_weight, l.quantity, "
    "l.price, p.price"_s;

ReceiptLine lineFrom(const QSqlQuery &q)
{
    ReceiptLine l;
    l.productId = q.value(0).toLongLong();
    l.plu = q.value(1).toString();
    l.name = q.value(2).toString();
    l.barcode = q.value(3).toString();
    l.soldByWeight = q.value(4).toBool();
    l.quantity = q.value(5).toInt();
    l.price = q.value(6).toLongLong();
    l.retailPrice = q.value(7).toLongLong();
    return l;
}

QVariant dateOrNull(const QDate &date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate))
                          : QVariant(QMetaType(QMetaType::QString));
}

} // namespace

struct GoodsReceiptStore::Locked
{
    qint64 shopId = 0;
    int number = 0;
    DocumentStatus status = DocumentStatus::Draft;
    int revision = 0;
    bool isReversal = false;
    QString postedBy;
};

std::optional<StoreError> GoodsReceiptStore::validate(const ReceiptHeader &h)
{
    if (h.supplierId <= 0)
        return StoreError::invalid(u"supplier_id"_s, tr("Choose the supplier."));
    if (h.invoiceNumber.trimmed().size() > kMaxInvoiceNumber)
        return StoreError::invalid(
            u"invoice_number"_s,
            tr("The invoice number must be at most %1 characters.").arg(kMaxInvoiceNumber));
    // A day of slack: the supplier's date may already be tomorrow where
    // the supplier is.
    if (h.invoiceDate.isValid() && h.invoiceDate > QDate::currentDate().addDays(1))
        return StoreError::invalid(u"invoice_date"_s,
                                   tr("The invoice date cannot be later than tomorrow."));
    if (h.note.trimmed().size() > kMaxNote)
        return StoreError::invalid(u"note"_s,
                                   tr("The note must be at most %1 characters.").arg(kMaxNote));
    return std::nullopt;
}

std::optional<StoreError> GoodsReceiptStore::validate(const ReceiptLine &l, int lineNo)
{
    const QString where = tr("Line %1 (PLU %2): ").arg(lineNo).arg(l.plu);
    if (l.quantity <= 0 || l.quantity > kMaxQuantity)
        return StoreError::invalid(
            u"quantity"_s,
            where +
                (l.soldByWeight
                     ? tr("the weight must be more than 0 and at most %1 kg.")
                           .arg(kMaxQuantity / 1000)
                     : tr("the quantity must be a whole number from 1 to %1.").arg(kMaxQuantity)));
    if (l.price <= 0 || l.price > ProductStore::kMaxPrice)
        return StoreError::invalid(u"price"_s,
                                   where + tr("give the purchase price; it cannot be zero."));
    return std::nullopt;
}

Result<int> GoodsReceiptStore::nextNumber(qint64 shopId)
{
    // Two drafts started at once in one shop queue here for their numbers.
    auto q = Sql::run(m_db,
                      u"SELECT pg_advisory_xact_lock(hashtext('stock_documents.receipt'), ?::int), "
                      "(SELECT coalesce(max(number), 0) + 1 FROM stock_documents "
                      " WHERE shop_id = ? AND kind = 'receipt')"_s,
                      {shopId, shopId});
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(1).toInt();
}

Result<GoodsReceipt> GoodsReceiptStore::createDraft(const Actor &actor, qint64 shopId,
                                                    const ReceiptHeader &header)
{
    if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
        return *refused;
    if (auto invalid = validate(header))
        return *invalid;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto number = nextNumber(shopId);
    if (!number)
        return number.error();
    auto q = Sql::run(m_db,
                      u"INSERT INTO stock_documents (kind, shop_id, number, supplier_id, "
                      "  invoice_number, invoice_date, note, created_by) "
                      "SELECT 'receipt', :shop, :number, s.id, coalesce(:invoice::text, ''), "
                      "  :date::date, coalesce(:note::text, ''), "
                      "  nullif(:staff::bigint, 0) "
                      "FROM suppliers s WHERE s.id = :supplier AND s.active RETURNING id"_s,
                      {{u":shop"_s, shopId},
                       {u":number"_s, number.value()},
                       {u":supplier"_s, header.supplierId},
                       {u":invoice"_s, header.invoiceNumber.trimmed()},
                       {u":date"_s, dateOrNull(header.invoiceDate)},
                       {u":note"_s, header.note.trimmed()},
                       {u":staff"_s, actor.staffId}});
    if (!q) {
        if (q.error().isForeignKeyViolation())
            return StoreError::invalid(u"shop_id"_s, tr("There is no such shop."));
        return q.error();
    }
    if (!q.value().next())
        return StoreError::invalid(u"supplier_id"_s,
                                   tr("That supplier is not in the list; choose another."));
    const qint64 id = q.value().value(0).toLongLong();
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<GoodsReceiptStore::Locked> GoodsReceiptStore::lock(qint64 id)
{
    auto q = Sql::run(m_db,
                      u"SELECT d.shop_id, d.number, d.status, d.revision, d.reverses IS NOT NULL, "
                      "  (SELECT display_name FROM staff WHERE id = d.posted_by) "
                      "FROM stock_documents d WHERE d.id = ? AND d.kind = 'receipt' FOR UPDATE"_s,
                      {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no such goods receipt."));
    Locked l;
    l.shopId = q.value().value(0).toLongLong();
    l.number = q.value().value(1).toInt();
    l.status = documentStatusFromKey(q.value().value(2).toString()).value_or(DocumentStatus::Draft);
    l.revision = q.value().value(3).toInt();
    l.isReversal = q.value().value(4).toBool();
    l.postedBy = q.value().value(5).toString();
    return l;
}

namespace {

StoreError notADraft(int number, DocumentStatus status, const QString &postedBy)
{
    if (status == DocumentStatus::Posted)
        return StoreError::conflict(
            GoodsReceiptStore::tr("Receipt No. %1 has already been posted by %2; it can no "
                                  "longer change.")
                .arg(number)
                .arg(postedBy));
    return StoreError::conflict(
        GoodsReceiptStore::tr("Receipt No. %1 is cancelled; it can no longer change.").arg(number));
}

} // namespace

Result<GoodsReceipt> GoodsReceiptStore::saveDraft(const Actor &actor, qint64 id, int revision,
                                                  const ReceiptHeader &header,
                                                  const QList<ReceiptLine> &lines)
{
    if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
        return *refused;
    if (auto invalid = validate(header))
        return *invalid;
    if (lines.size() > kMaxLines)
        return StoreError::invalid(
            u"lines"_s, tr("A receipt holds at most %1 lines; split the delivery.").arg(kMaxLines));
    QList<qint64> products, prices;
    QHash<qint64, int> lineOf;
    for (int i = 0; i < lines.size(); ++i) {
        const ReceiptLine &l = lines.at(i);
        if (auto invalid = validate(l, i + 1))
            return *invalid;
        if (lineOf.contains(l.productId))
            return StoreError::invalid(u"plu"_s,
                                       tr("Line %1 (PLU %2): the product is already on line %3; "
                                          "add the quantities into one line.")
                                           .arg(i + 1)
                                           .arg(l.plu)
                                           .arg(lineOf.value(l.productId)));
        lineOf.insert(l.productId, i + 1);
        products << l.productId;
        prices << l.price;
    }
    QList<qint64> quantities;
    for (const ReceiptLine &l : lines)
        quantities << l.quantity;

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto locked = lock(id);
    if (!locked)
        return locked.error();
    if (locked.value().status != DocumentStatus::Draft)
        return notADraft(locked.value().number, locked.value().status, locked.value().postedBy);
    if (locked.value().revision != revision)
        return StoreError::conflict(tr("Receipt No. %1 was saved by someone else after you "
                                       "opened it; open it again to see their changes.")
                                        .arg(locked.value().number));

    // The first line whose product is unknown or archived, if any.
    auto bad = Sql::run(m_db,
                        u"SELECT a.n, p.id IS NULL FROM unnest(?::bigint[]) WITH ORDINALITY "
                        "AS a(product_id, n) LEFT JOIN products p ON p.id = a.product_id "
                        "WHERE p.id IS NULL OR NOT p.active ORDER BY a.n LIMIT 1"_s,
                        {PgArray::integers(products)});
    if (!bad)
        return bad.error();
    if (bad.value().next()) {
        const int n = bad.value().value(0).toInt();
        const QString plu = lines.at(n - 1).plu;
        if (bad.value().value(1).toBool())
            return StoreError::invalid(
                u"plu"_s, tr("Line %1: there is no product with PLU %2.").arg(n).arg(plu));
        return StoreError::invalid(u"plu"_s,
                                   tr("Line %1 (PLU %2): the product is archived and "
                                      "cannot be received.")
                                       .arg(n)
                                       .arg(plu));
    }

    auto header_ =
        Sql::run(m_db,
                 u"UPDATE stock_documents d SET supplier_id = s.id, "
                 "  invoice_number = coalesce(:invoice::text, ''), invoice_date = :date::date, "
                 "  note = coalesce(:note::text, ''), "
                 "  revision = d.revision + 1, updated_at = now() "
                 "FROM suppliers s WHERE d.id = :id AND s.id = :supplier RETURNING 1"_s,
                 {{u":invoice"_s, header.invoiceNumber.trimmed()},
                  {u":date"_s, dateOrNull(header.invoiceDate)},
                  {u":note"_s, header.note.trimmed()},
                  {u":id"_s, id},
                  {u":supplier"_s, header.supplierId}});
    if (!header_)
        return header_.error();
    if (!header_.value().next())
        return StoreError::invalid(u"supplier_id"_s,
                                   tr("That supplier is not in the list; choose another."));
    auto cleared =
        Sql::run(m_db, u"DELETE FROM stock_document_lines WHERE document_id = ?"_s, {id});
    if (!cleared)
        return cleared.error();
    auto replaced = Sql::run(
        m_db,
        u"INSERT INTO stock_document_lines (document_id, line_no, product_id, quantity, price) "
        "SELECT :id, a.n, a.product_id, a.quantity, a.price FROM unnest(:products::bigint[], "
        "  :quantities::int[], :prices::bigint[]) WITH ORDINALITY AS a(product_id, quantity, "
        "  price, n)"_s,
        {{u":id"_s, id},
         {u":products"_s, PgArray::integers(products)},
         {u":quantities"_s, PgArray::integers(quantities)},
         {u":prices"_s, PgArray::integers(prices)}});
    if (!replaced)
        return replaced.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<QList<ReceiptLine>> GoodsReceiptStore::lines(qint64 id) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM stock_document_lines l JOIN products p ON p.id = "
                      "l.product_id WHERE l.document_id = ? ORDER BY l.line_no"_s.arg(kLineColumns),
                      {id});
    if (!q)
        return q.error();
    QList<ReceiptLine> lines;
    while (q.value().next())
        lines.append(lineFrom(q.value()));
    return lines;
}

Result<GoodsReceipt> GoodsReceiptStore::byId(qint64 id) const
{
    auto q =
        Sql::run(m_db,
                 u"SELECT %1 FROM stock_documents d WHERE d.id = ? AND d.kind = 'receipt'"_s.arg(
                     kReceiptColumns),
                 {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no such goods receipt."));
    GoodsReceipt receipt = receiptFrom(q.value());
    auto read = lines(id);
    if (!read)
        return read.error();
    receipt.lines = read.value();
    return receipt;
}

Result<QList<GoodsReceipt>> GoodsReceiptStore::list(qint64 shopId, int limit) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM stock_documents d WHERE d.shop_id = ? AND d.kind = "
                      "'receipt' ORDER BY d.id DESC LIMIT ?"_s.arg(kReceiptColumns),
                      {shopId, qBound(1, limit, kMaxList)});
    if (!q)
        return q.error();
    QList<GoodsReceipt> receipts;
    while (q.value().next())
        receipts.append(receiptFrom(q.value()));
    return receipts;
}

Result<ReceiptLine> GoodsReceiptStore::lineFor(qint64 shopId, qint64 supplierId,
                                               const QString &plu) const
{
    auto q = Sql::run(m_db,
                      u"SELECT p.id, p.plu, p.name, coalesce(p.barcode, ''), p.sold_by_weight, 0, "
                      "  coalesce((SELECT price FROM supplier_prices "
                      "            WHERE supplier_id = :supplier AND product_id = p.id), "
                      "           (SELECT cost FROM stocks WHERE shop_id = :shop "
                      "            AND product_id = p.id), 0), "
                      "  p.price, p.active FROM products p WHERE p.plu = :plu"_s,
                      {{u":supplier"_s, supplierId}, {u":shop"_s, shopId}, {u":plu"_s, plu}});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no product with PLU %1.").arg(plu));
    if (!q.value().value(8).toBool())
        return StoreError::conflict(
            tr("PLU %1 is archived: it cannot be received. Make it active again first.").arg(plu),
            u"plu"_s);
    return lineFrom(q.value());
}

Result<ReceiptImport> GoodsReceiptStore::linesFor(qint64 shopId, qint64 supplierId,
                                                  const QList<DeliveryRow> &rows) const
{
    QStringList codes;
    for (const DeliveryRow &r : rows)
        codes << r.code;
    auto q = Sql::run(
        m_db,
        u"SELECT a.n, p.id, p.plu, p.name, coalesce(p.barcode, ''), p.sold_by_weight, 0, "
        "  coalesce(sp.price, st.cost, 0), p.price, p.active "
        "FROM unnest(:codes::text[]) WITH ORDINALITY AS a(code, n) "
        "LEFT JOIN LATERAL (SELECT id FROM products WHERE plu = a.code "
        "  UNION ALL SELECT product_id FROM product_barcodes WHERE barcode = a.code LIMIT 1) "
        "  found ON true "
        "LEFT JOIN products p ON p.id = found.id "
        "LEFT JOIN supplier_prices sp ON sp.supplier_id = :supplier AND sp.product_id = p.id "
        "LEFT JOIN stocks st ON st.shop_id = :shop AND st.product_id = p.id "
        "ORDER BY a.n"_s,
        {{u":codes"_s, PgArray::text(codes)}, {u":supplier"_s, supplierId}, {u":shop"_s, shopId}});
    if (!q)
        return q.error();
    ReceiptImport result;
    QHash<qint64, int> lineOf;
    while (q.value().next()) {
        const DeliveryRow &r = rows.at(q.value().value(0).toInt() - 1);
        if (q.value().value(1).isNull()) {
            result.refused << tr("Row %1: no product has the PLU or barcode \"%2\".")
                                  .arg(r.row)
                                  .arg(r.code.left(40));
            continue;
        }
        ReceiptLine line;
        line.productId = q.value().value(1).toLongLong();
        line.plu = q.value().value(2).toString();
        line.name = q.value().value(3).toString();
        line.barcode = q.value().value(4).toString();
        line.soldByWeight = q.value().value(5).toBool();
        line.price = q.value().value(7).toLongLong();
        line.retailPrice = q.value().value(8).toLongLong();
        const QString where = tr("Row %1 (PLU %2): ").arg(r.row).arg(line.plu);
        if (!q.value().value(9).toBool()) {
            result.refused << where + tr("the product is archived and cannot be received.");
            continue;
        }
        const auto units = Quantity::parse(r.quantity, line.soldByWeight);
        if (!units || *units <= 0 || *units > kMaxQuantity) {
            result.refused << where +
                    (line.soldByWeight
                         ? tr("the weight \"%1\" is not a number of kilograms up to %2.")
                               .arg(r.quantity.left(20))
                               .arg(kMaxQuantity / Quantity::kGramsPerKg)
                         : tr("the quantity \"%1\" is not a whole number from 1 to %2.")
                               .arg(r.quantity.left(20))
                               .arg(kMaxQuantity));
            continue;
        }
        line.quantity = int(*units);
        if (!r.price.isEmpty()) {
            const auto price = Money::parse(r.price);
            if (!price || *price <= 0 || *price > ProductStore::kMaxPrice) {
                result.refused << where +
                        tr("the price \"%1\" is not a price above zero.").arg(r.price.left(20));
                continue;
            }
            line.price = *price;
        }
        // The same product on two rows is one line of their sum.
        if (const auto it = lineOf.constFind(line.productId); it != lineOf.constEnd()) {
            ReceiptLine &first = result.lines[*it];
            first.quantity = qMin(first.quantity + line.quantity, kMaxQuantity);
            continue;
        }
        lineOf.insert(line.productId, int(result.lines.size()));
        result.lines << line;
    }
    return result;
}

Result<void> GoodsReceiptStore::move(const Actor &actor, qint64 shopId, qint64 documentId,
                                     const QList<ReceiptLine> &lines, int sign,
                                     const QString &action, const QString &reason)
{
    QList<qint64> products;
    for (const ReceiptLine &l : lines)
        products << l.productId;
    // A product the shop never stocked gets its (empty) stock row first: the
    // receipt's history row is its first.
    auto made = Sql::run(m_db,
                         u"INSERT INTO stocks (product_id, shop_id) SELECT unnest(?::bigint[]), ? "
                         "ON CONFLICT (product_id, shop_id) DO NOTHING"_s,
                         {PgArray::integers(products), shopId});
    if (!made)
        return made.error();
    // Locked in id order, as StockStore::applyAll locks them, before the
    // quantities and costs are read: nothing can move them in between.
    auto held = Sql::run(m_db,
                         u"SELECT product_id, shelf_qty + order_qty, cost FROM stocks "
                         "WHERE shop_id = ? AND product_id = ANY(?::bigint[]) ORDER BY id "
                         "FOR UPDATE"_s,
                         {shopId, PgArray::integers(products)});
    if (!held)
        return held.error();
    QHash<qint64, std::pair<qint64, std::optional<qint64>>> before;
    while (held.value().next()) {
        const QVariant cost = held.value().value(2);
        before.insert(held.value().value(0).toLongLong(),
                      {held.value().value(1).toLongLong(),
                       cost.isNull() ? std::nullopt : std::optional<qint64>(cost.toLongLong())});
    }

    QList<StockStore::Change> changes;
    QList<qint64> costProducts, costs;
    for (const ReceiptLine &l : lines) {
        StockStore::Change c;
        c.shopId = shopId;
        c.plu = l.plu;
        c.shelfDelta = sign * l.quantity;
        c.action = action;
        c.reason = reason;
        c.documentId = documentId;
        changes << c;
        const auto [onHand, cost] = before.value(l.productId);
        const std::optional<qint64> after = sign > 0
            ? MovingAverage::afterReceipt(onHand, cost, l.quantity, l.price)
            : MovingAverage::afterReversal(onHand, cost, l.quantity, l.price);
        if (after && after != cost) {
            costProducts << l.productId;
            costs << *after;
        }
    }
    auto applied = StockStore(m_db).applyAll(actor, changes, Permission::AdjustStock);
    if (!applied)
        return applied.error();
    if (!costProducts.isEmpty()) {
        auto costed = Sql::run(m_db,
                               u"UPDATE stocks s SET cost = a.cost FROM unnest(?::bigint[], "
                               "?::bigint[]) AS a(product_id, cost) "
                               "WHERE s.shop_id = ? AND s.product_id = a.product_id"_s,
                               {PgArray::integers(costProducts), PgArray::integers(costs), shopId});
        if (!costed)
            return costed.error();
    }
    return {};
}

Result<GoodsReceipt> GoodsReceiptStore::post(const Actor &actor, qint64 id, int revision)
{
    if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
        return *refused;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto locked = lock(id);
    if (!locked)
        return locked.error();
    const Locked &doc = locked.value();
    if (doc.status != DocumentStatus::Draft)
        return notADraft(doc.number, doc.status, doc.postedBy);
    if (doc.revision != revision)
        return StoreError::conflict(tr("Receipt No. %1 was saved by someone else after you "
                                       "opened it; open it again before posting.")
                                        .arg(doc.number));
    auto receipt = byId(id);
    if (!receipt)
        return receipt.error();
    const QList<ReceiptLine> &lines = receipt.value().lines;
    if (lines.isEmpty())
        return StoreError::invalid(u"lines"_s, tr("Add the delivered goods before posting."));
    auto archived = Sql::scalar(m_db,
                                u"SELECT min(l.line_no) FROM stock_document_lines l JOIN products "
                                "p ON p.id = l.product_id WHERE l.document_id = ? AND NOT "
                                "p.active"_s,
                                {id});
    if (!archived)
        return archived.error();
    if (!archived.value().isNull()) {
        const int n = archived.value().toInt();
        return StoreError::invalid(u"plu"_s,
                                   tr("Line %1 (PLU %2): the product has been archived "
                                      "since; remove the line or make it active again.")
                                       .arg(n)
                                       .arg(lines.at(n - 1).plu));
    }

    const GoodsReceipt &r = receipt.value();
    const QString reason = r.header.invoiceNumber.isEmpty()
        ? tr("Receipt No. %1 from %2").arg(r.number).arg(r.supplierName)
        : tr("Receipt No. %1 from %2, invoice %3")
              .arg(r.number)
              .arg(r.supplierName, r.header.invoiceNumber);
    if (auto moved = move(actor, doc.shopId, id, lines, +1, u"received"_s, reason); !moved)
        return moved.error();

    QList<qint64> products, prices;
    for (const ReceiptLine &l : lines) {
        products << l.productId;
        prices << l.price;
    }
    auto priced =
        Sql::run(m_db,
                 u"INSERT INTO supplier_prices (supplier_id, product_id, price) "
                 "SELECT ?, a.product_id, a.price FROM unnest(?::bigint[], ?::bigint[]) "
                 "AS a(product_id, price) ON CONFLICT (supplier_id, product_id) DO "
                 "UPDATE SET price = EXCLUDED.price, updated_at = now()"_s,
                 {r.header.supplierId, PgArray::integers(products), PgArray::integers(prices)});
    if (!priced)
        return priced.error();
    auto posted = Sql::run(m_db,
                           u"UPDATE stock_documents SET status = 'posted', posted_at = now(), "
                           "posted_by = nullif(?::bigint, 0), updated_at = now() WHERE id = ?"_s,
                           {actor.staffId, id});
    if (!posted)
        return posted.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<GoodsReceipt> GoodsReceiptStore::cancel(const Actor &actor, qint64 id)
{
    if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
        return *refused;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto locked = lock(id);
    if (!locked)
        return locked.error();
    const Locked &doc = locked.value();
    if (doc.status == DocumentStatus::Cancelled)
        return StoreError::conflict(tr("Receipt No. %1 is already cancelled.").arg(doc.number));
    if (doc.isReversal)
        return StoreError::conflict(tr("Receipt No. %1 cancels another receipt; it cannot be "
                                       "cancelled itself. Record the goods in a new receipt.")
                                        .arg(doc.number));
    if (doc.status == DocumentStatus::Draft) {
        auto q = Sql::run(m_db,
                          u"UPDATE stock_documents SET status = 'cancelled', posted_at = now(), "
                          "posted_by = nullif(?::bigint, 0), updated_at = now() WHERE id = ?"_s,
                          {actor.staffId, id});
        if (!q)
            return q.error();
    } else {
        auto receipt = byId(id);
        if (!receipt)
            return receipt.error();
        auto number = nextNumber(doc.shopId);
        if (!number)
            return number.error();
        auto made = Sql::run(
            m_db,
            u"WITH reversal AS (INSERT INTO stock_documents (kind, shop_id, number, status, "
            "  supplier_id, invoice_number, invoice_date, note, reverses, created_by, posted_by, "
            "  posted_at) "
            "  SELECT kind, shop_id, :number, 'posted', supplier_id, invoice_number, "
            "    invoice_date, :note, id, nullif(:staff::bigint, 0), nullif(:staff::bigint, 0), "
            "    now() FROM stock_documents WHERE id = :id RETURNING id), "
            "copied AS (INSERT INTO stock_document_lines (document_id, line_no, product_id, "
            "  quantity, price) SELECT r.id, l.line_no, l.product_id, l.quantity, l.price "
            "  FROM stock_document_lines l, reversal r WHERE l.document_id = :id) "
            "SELECT id FROM reversal"_s,
            {{u":number"_s, number.value()},
             {u":note"_s, tr("Cancels receipt No. %1").arg(doc.number)},
             {u":staff"_s, actor.staffId},
             {u":id"_s, id}});
        if (!made)
            return made.error();
        made.value().next();
        const qint64 reversalId = made.value().value(0).toLongLong();
        const QString reason =
            tr("Receipt No. %1 cancels receipt No. %2").arg(number.value()).arg(doc.number);
        auto moved = move(actor, doc.shopId, reversalId, receipt.value().lines, -1,
                          u"receipt_cancelled"_s, reason);
        if (!moved) {
            StoreError e = moved.error();
            if (e.code == StoreError::Code::Conflict && e.field == u"amount"_s)
                e.message = tr("Receipt No. %1 cannot be cancelled: some of its goods have "
                               "been sold or moved since. %2")
                                .arg(doc.number)
                                .arg(e.message);
            return e;
        }
        auto q = Sql::run(m_db,
                          u"UPDATE stock_documents SET status = 'cancelled', updated_at = now() "
                          "WHERE id = ?"_s,
                          {id});
        if (!q)
            return q.error();
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

} // namespace shopdesk
