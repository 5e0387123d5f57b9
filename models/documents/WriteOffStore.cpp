#include "WriteOffStore.h"

#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Quantity.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/settings/AppStateStore.h"
#include "models/stock/StockStore.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The SELECT list of a write-off over `d` (stock_documents) and its reading,
// side by side. A line's value is its quantity at its cost (per kilogram for
// weighed goods, rounded to the kopeck), as WriteOffLine::amount().
const QString kWriteOffColumns =
    u"d.id, d.shop_id, d.number, d.status, d.reason_code, d.note, "
    "coalesce((SELECT name FROM write_off_reasons WHERE code = d.reason_code), ''), d.revision, "
    "(SELECT display_name FROM staff WHERE id = d.created_by), d.created_at, "
    "(SELECT display_name FROM staff WHERE id = d.posted_by), d.posted_at, "
    "(SELECT display_name FROM staff WHERE id = d.approved_by), "
    "(SELECT count(*) FROM stock_document_lines l WHERE l.document_id = d.id), "
    "(SELECT coalesce(sum(CASE WHEN p.sold_by_weight THEN (l.quantity * l.price + 500) / 1000 "
    "   ELSE l.quantity * l.price END), 0) "
    " FROM stock_document_lines l JOIN products p ON p.id = l.product_id "
    " WHERE l.document_id = d.id)"_s;

WriteOff writeOffFrom(const QSqlQuery &q)
{
    WriteOff w;
    w.id = q.value(0).toLongLong();
    w.shopId = q.value(1).toLongLong();
    w.number = q.value(2).toInt();
    w.status = documentStatusFromKey(q.value(3).toString()).value_or(DocumentStatus::Draft);
    w.header.reasonCode = q.value(4).toString();
    w.header.note = q.value(5).toString();
    w.reasonName = q.value(6).toString();
    w.revision = q.value(7).toInt();
    w.createdBy = q.value(8).toString();
    w.createdAt = q.value(9).toDateTime();
    w.postedBy = q.value(10).toString();
    w.postedAt = q.value(11).toDateTime();
    w.approvedBy = q.value(12).toString();
    w.lineCount = q.value(13).toInt();
    w.total = q.value(14).toLongLong();
    return w;
}

// A line's SELECT list over `l` (lines, or 0 for a new one), `p`
// (products) and `s` (the shop's stocks, outer-joined).
const QString kLineColumns = u"p.id, p.plu, p.name, coalesce(p.barcode, ''), p.sold_by_weight, "
                             "%1, %2, coalesce(s.shelf_qty, 0)"_s;

WriteOffLine lineFrom(const QSqlQuery &q)
{
    WriteOffLine l;
    l.productId = q.value(0).toLongLong();
    l.plu = q.value(1).toString();
    l.name = q.value(2).toString();
    l.barcode = q.value(3).toString();
    l.soldByWeight = q.value(4).toBool();
    l.quantity = q.value(5).toInt();
    l.cost = q.value(6).toLongLong();
    l.onShelf = q.value(7).toInt();
    return l;
}

constexpr qint64 kMaxThreshold = 1'000'000'000; // 10,000,000.00
constexpr int kMaxReasonName = 100;

} // namespace

struct WriteOffStore::Locked
{
    qint64 shopId = 0;
    int number = 0;
    DocumentStatus status = DocumentStatus::Draft;
    int revision = 0;
    QString postedBy;
};

std::optional<StoreError> WriteOffStore::validate(const WriteOffHeader &h)
{
    if (h.reasonCode.trimmed().isEmpty())
        return StoreError::invalid(u"reason_code"_s, tr("Choose the reason for the write-off."));
    if (h.note.trimmed().size() > kMaxNote)
        return StoreError::invalid(u"note"_s,
                                   tr("The note must be at most %1 characters.").arg(kMaxNote));
    return std::nullopt;
}

std::optional<StoreError> WriteOffStore::validate(const WriteOffLine &l, int lineNo)
{
    if (l.quantity <= 0 || l.quantity > kMaxQuantity)
        return StoreError::invalid(
            u"quantity"_s,
            tr("Line %1 (PLU %2): ").arg(lineNo).arg(l.plu) +
                (l.soldByWeight
                     ? tr("the weight must be more than 0 and at most %1 kg.")
                           .arg(kMaxQuantity / 1000)
                     : tr("the quantity must be a whole number from 1 to %1.").arg(kMaxQuantity)));
    return std::nullopt;
}

Result<int> WriteOffStore::nextNumber(qint64 shopId)
{
    // Two drafts started at once in one shop queue here for their numbers.
    auto q =
        Sql::run(m_db,
                 u"SELECT pg_advisory_xact_lock(hashtext('stock_documents.write_off'), ?::int), "
                 "(SELECT coalesce(max(number), 0) + 1 FROM stock_documents "
                 " WHERE shop_id = ? AND kind = 'write_off')"_s,
                 {shopId, shopId});
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(1).toInt();
}

namespace {

StoreError unknownReason()
{
    return StoreError::invalid(
        u"reason_code"_s,
        WriteOffStore::tr("That reason is not in the list (or is switched off); choose another."));
}

StoreError notADraft(int number, DocumentStatus status, const QString &postedBy)
{
    if (status == DocumentStatus::Posted)
        return StoreError::conflict(
            WriteOffStore::tr("Write-off No. %1 has already been posted by %2; it can no "
                              "longer change.")
                .arg(number)
                .arg(postedBy));
    return StoreError::conflict(
        WriteOffStore::tr("Write-off No. %1 is discarded; it can no longer change.").arg(number));
}

} // namespace

Result<WriteOff> WriteOffStore::createDraft(const Actor &actor, qint64 shopId,
                                            const WriteOffHeader &header)
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
                      u"INSERT INTO stock_documents (kind, shop_id, number, reason_code, note, "
                      "  created_by) "
                      "SELECT 'write_off', :shop, :number, r.code, coalesce(:note::text, ''), "
                      "  nullif(:staff::bigint, 0) "
                      "FROM write_off_reasons r WHERE r.code = :reason AND r.active RETURNING id"_s,
                      {{u":shop"_s, shopId},
                       {u":number"_s, number.value()},
                       {u":reason"_s, header.reasonCode.trimmed()},
                       {u":note"_s, header.note.trimmed()},
                       {u":staff"_s, actor.staffId}});
    if (!q) {
        if (q.error().isForeignKeyViolation())
            return StoreError::invalid(u"shop_id"_s, tr("There is no such shop."));
        return q.error();
    }
    if (!q.value().next())
        return unknownReason();
    const qint64 id = q.value().value(0).toLongLong();
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<WriteOffStore::Locked> WriteOffStore::lock(qint64 id)
{
    auto q = Sql::run(m_db,
                      u"SELECT d.shop_id, d.number, d.status, d.revision, "
                      "  (SELECT display_name FROM staff WHERE id = d.posted_by) "
                      "FROM stock_documents d WHERE d.id = ? AND d.kind = 'write_off' "
                      "FOR UPDATE"_s,
                      {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no such write-off."));
    Locked l;
    l.shopId = q.value().value(0).toLongLong();
    l.number = q.value().value(1).toInt();
    l.status = documentStatusFromKey(q.value().value(2).toString()).value_or(DocumentStatus::Draft);
    l.revision = q.value().value(3).toInt();
    l.postedBy = q.value().value(4).toString();
    return l;
}

Result<WriteOff> WriteOffStore::saveDraft(const Actor &actor, qint64 id, int revision,
                                          const WriteOffHeader &header,
                                          const QList<WriteOffLine> &lines)
{
    if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
        return *refused;
    if (auto invalid = validate(header))
        return *invalid;
    if (lines.size() > kMaxLines)
        return StoreError::invalid(
            u"lines"_s, tr("A write-off holds at most %1 lines; make two.").arg(kMaxLines));
    QList<qint64> products, quantities;
    QHash<qint64, int> lineOf;
    for (int i = 0; i < lines.size(); ++i) {
        const WriteOffLine &l = lines.at(i);
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
        quantities << l.quantity;
    }

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto locked = lock(id);
    if (!locked)
        return locked.error();
    if (locked.value().status != DocumentStatus::Draft)
        return notADraft(locked.value().number, locked.value().status, locked.value().postedBy);
    if (locked.value().revision != revision)
        return StoreError::conflict(tr("Write-off No. %1 was saved by someone else after you "
                                       "opened it; open it again to see their changes.")
                                        .arg(locked.value().number));

    // The first line whose product is unknown, if any.
    auto unknown = Sql::scalar(m_db,
                               u"SELECT min(a.n) FROM unnest(?::bigint[]) WITH ORDINALITY "
                               "AS a(product_id, n) WHERE NOT EXISTS (SELECT 1 FROM products p "
                               "WHERE p.id = a.product_id)"_s,
                               {PgArray::integers(products)});
    if (!unknown)
        return unknown.error();
    if (!unknown.value().isNull()) {
        const int n = unknown.value().toInt();
        return StoreError::invalid(
            u"plu"_s,
            tr("Line %1: there is no product with PLU %2.").arg(n).arg(lines.at(n - 1).plu));
    }

    auto header_ = Sql::run(m_db,
                            u"UPDATE stock_documents d SET reason_code = r.code, "
                            "  note = coalesce(:note::text, ''), "
                            "  revision = d.revision + 1, updated_at = now() "
                            "FROM write_off_reasons r WHERE d.id = :id AND r.code = :reason "
                            "AND r.active RETURNING 1"_s,
                            {{u":note"_s, header.note.trimmed()},
                             {u":id"_s, id},
                             {u":reason"_s, header.reasonCode.trimmed()}});
    if (!header_)
        return header_.error();
    if (!header_.value().next())
        return unknownReason();
    auto cleared =
        Sql::run(m_db, u"DELETE FROM stock_document_lines WHERE document_id = ?"_s, {id});
    if (!cleared)
        return cleared.error();
    // Each line keeps the product's cost in the shop as it is now (the
    // draft's value); posting fixes it again.
    auto replaced = Sql::run(
        m_db,
        u"INSERT INTO stock_document_lines (document_id, line_no, product_id, quantity, price) "
        "SELECT :id, a.n, a.product_id, a.quantity, coalesce(s.cost, p.price) "
        "FROM unnest(:products::bigint[], :quantities::int[]) WITH ORDINALITY "
        "  AS a(product_id, quantity, n) JOIN products p ON p.id = a.product_id "
        "LEFT JOIN stocks s ON s.product_id = a.product_id AND s.shop_id = :shop"_s,
        {{u":id"_s, id},
         {u":products"_s, PgArray::integers(products)},
         {u":quantities"_s, PgArray::integers(quantities)},
         {u":shop"_s, locked.value().shopId}});
    if (!replaced)
        return replaced.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<QList<WriteOffLine>> WriteOffStore::lines(qint64 id) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM stock_document_lines l "
                      "JOIN stock_documents d ON d.id = l.document_id "
                      "JOIN products p ON p.id = l.product_id "
                      "LEFT JOIN stocks s ON s.shop_id = d.shop_id AND s.product_id = p.id "
                      "WHERE l.document_id = ? ORDER BY l.line_no"_s.arg(
                          kLineColumns.arg(u"l.quantity"_s, u"l.price"_s)),
                      {id});
    if (!q)
        return q.error();
    QList<WriteOffLine> lines;
    while (q.value().next())
        lines.append(lineFrom(q.value()));
    return lines;
}

Result<WriteOff> WriteOffStore::byId(qint64 id) const
{
    auto q =
        Sql::run(m_db,
                 u"SELECT %1 FROM stock_documents d WHERE d.id = ? AND d.kind = 'write_off'"_s.arg(
                     kWriteOffColumns),
                 {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no such write-off."));
    WriteOff writeOff = writeOffFrom(q.value());
    auto read = lines(id);
    if (!read)
        return read.error();
    writeOff.lines = read.value();
    return writeOff;
}

Result<QList<WriteOff>> WriteOffStore::list(qint64 shopId, int limit) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM stock_documents d WHERE d.shop_id = ? AND d.kind = "
                      "'write_off' ORDER BY d.id DESC LIMIT ?"_s.arg(kWriteOffColumns),
                      {shopId, qBound(1, limit, kMaxList)});
    if (!q)
        return q.error();
    QList<WriteOff> writeOffs;
    while (q.value().next())
        writeOffs.append(writeOffFrom(q.value()));
    return writeOffs;
}

Result<WriteOffLine> WriteOffStore::lineFor(qint64 shopId, const QString &plu) const
{
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM products p LEFT JOIN stocks s ON s.product_id = p.id "
                      "AND s.shop_id = :shop WHERE p.plu = :plu"_s.arg(
                          kLineColumns.arg(u"0"_s, u"coalesce(s.cost, p.price)"_s)),
                      {{u":shop"_s, shopId}, {u":plu"_s, plu}});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no product with PLU %1.").arg(plu));
    WriteOffLine line = lineFrom(q.value());
    if (line.onShelf <= 0)
        return StoreError::conflict(
            tr("PLU %1 (%2): none is on the shelf here; there is nothing to write off.")
                .arg(plu, line.name),
            u"plu"_s);
    return line;
}

Result<WriteOff> WriteOffStore::post(const Actor &actor, qint64 id, int revision,
                                     const std::optional<ManagerApproval> &approval)
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
        return StoreError::conflict(tr("Write-off No. %1 was saved by someone else after you "
                                       "opened it; open it again before posting.")
                                        .arg(doc.number));

    // The stock the lines take from, locked in id order (as
    // StockStore::applyAll locks it) before anything is read from it.
    auto held = Sql::run(m_db,
                         u"SELECT s.id FROM stocks s JOIN stock_document_lines l "
                         "ON l.product_id = s.product_id WHERE l.document_id = ? "
                         "AND s.shop_id = ? ORDER BY s.id FOR UPDATE OF s"_s,
                         {id, doc.shopId});
    if (!held)
        return held.error();
    // Each line's value at the product's cost as it is now.
    auto costed =
        Sql::run(m_db,
                 u"UPDATE stock_document_lines l SET price = coalesce((SELECT s.cost FROM stocks s "
                 "  WHERE s.shop_id = :shop AND s.product_id = l.product_id), "
                 "  (SELECT p.price FROM products p WHERE p.id = l.product_id)) "
                 "WHERE l.document_id = :id"_s,
                 {{u":shop"_s, doc.shopId}, {u":id"_s, id}});
    if (!costed)
        return costed.error();
    auto read = byId(id);
    if (!read)
        return read.error();
    const WriteOff &w = read.value();
    if (w.lines.isEmpty())
        return StoreError::invalid(u"lines"_s, tr("Add the goods to write off before posting."));
    for (int i = 0; i < w.lines.size(); ++i) {
        const WriteOffLine &l = w.lines.at(i);
        if (l.onShelf < l.quantity)
            return StoreError::conflict(
                tr("Line %1 (PLU %2): only %3 on the shelf; cannot write off %4.")
                    .arg(i + 1)
                    .arg(l.plu, Quantity::plain(l.onShelf, l.soldByWeight),
                         Quantity::plain(l.quantity, l.soldByWeight)),
                u"amount"_s);
    }

    // Above the threshold a manager approves; a manager posting approves
    // his own, a stock keeper cannot.
    auto threshold = approvalThreshold();
    if (!threshold)
        return threshold.error();
    qint64 approver = approval ? approval->staffId() : 0;
    if (!approver && hasPermission(actor.role, Permission::ManageOrders))
        approver = actor.staffId;
    if (w.total > threshold.value() && approver <= 0)
        return StoreError {StoreError::Code::Permission,
                           tr("Write-off No. %1 is worth %2, more than %3: a manager approves "
                              "it with their password or PIN.")
                               .arg(w.number)
                               .arg(Money::format(w.total), Money::format(threshold.value())),
                           u"approval"_s,
                           {},
                           {}};

    QString reason = w.header.note.isEmpty()
        ? tr("Write-off No. %1: %2").arg(w.number).arg(w.reasonText())
        : tr("Write-off No. %1: %2 (%3)").arg(w.number).arg(w.reasonText(), w.header.note);
    reason.truncate(500);
    QList<StockStore::Change> changes;
    for (const WriteOffLine &l : w.lines) {
        StockStore::Change c;
        c.shopId = doc.shopId;
        c.plu = l.plu;
        c.shelfDelta = -l.quantity;
        c.action = u"written_off"_s;
        c.reason = reason;
        c.documentId = id;
        c.approvedBy = approver;
        changes << c;
    }
    auto applied = StockStore(m_db).applyAll(actor, changes, Permission::AdjustStock);
    if (!applied)
        return applied.error();
    auto posted =
        Sql::run(m_db,
                 u"UPDATE stock_documents SET status = 'posted', posted_at = now(), "
                 "posted_by = nullif(:staff::bigint, 0), "
                 "approved_by = nullif(:approver::bigint, 0), updated_at = now() "
                 "WHERE id = :id"_s,
                 {{u":staff"_s, actor.staffId}, {u":approver"_s, approver}, {u":id"_s, id}});
    if (!posted)
        return posted.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<WriteOff> WriteOffStore::discard(const Actor &actor, qint64 id)
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
    if (doc.status == DocumentStatus::Posted)
        return StoreError::conflict(tr("Write-off No. %1 is posted: it is never changed. Goods "
                                       "found again are received or added to the stock.")
                                        .arg(doc.number));
    if (doc.status == DocumentStatus::Cancelled)
        return StoreError::conflict(tr("Write-off No. %1 is already discarded.").arg(doc.number));
    auto q = Sql::run(m_db,
                      u"UPDATE stock_documents SET status = 'cancelled', posted_at = now(), "
                      "posted_by = nullif(?::bigint, 0), updated_at = now() WHERE id = ?"_s,
                      {actor.staffId, id});
    if (!q)
        return q.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<QList<WriteOffReason>> WriteOffStore::reasons(bool all) const
{
    auto q = Sql::run(m_db,
                      u"SELECT code, name, active FROM write_off_reasons WHERE active OR ? "
                      "ORDER BY array_position(ARRAY['spoiled', 'damaged', 'expired', 'theft', "
                      "'own_use'], code) NULLS LAST, lower(name), code"_s,
                      {all});
    if (!q)
        return q.error();
    QList<WriteOffReason> reasons;
    while (q.value().next())
        reasons.append({q.value().value(0).toString(), q.value().value(1).toString(),
                        q.value().value(2).toBool()});
    return reasons;
}

Result<WriteOffReason> WriteOffStore::saveReason(const Actor &actor, const WriteOffReason &reason)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageOrders))
        return *refused;
    const QString name = reason.name.trimmed();
    if (name.isEmpty() || name.size() > kMaxReasonName)
        return StoreError::invalid(
            u"name"_s, tr("A reason's name is 1 to %1 characters.").arg(kMaxReasonName));
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // New reasons are numbered one after another.
    auto serial = Sql::run(m_db, u"SELECT pg_advisory_xact_lock(hashtext('write_off_reasons'))"_s);
    if (!serial)
        return serial.error();
    auto taken = Sql::scalar(m_db,
                             u"SELECT count(*) FROM write_off_reasons WHERE lower(name) = "
                             "lower(?) AND code <> coalesce(?::text, '')"_s,
                             {name, reason.code});
    if (!taken)
        return taken.error();
    if (taken.value().toInt() > 0)
        return StoreError::invalid(u"name"_s,
                                   tr("There already is a reason called \"%1\".").arg(name));
    QString code = reason.code;
    if (code.isEmpty()) {
        auto next = Sql::scalar(m_db,
                                u"SELECT 'shop_' || (count(*) + 1) FROM write_off_reasons "
                                "WHERE code LIKE 'shop\\_%'"_s);
        if (!next)
            return next.error();
        code = next.value().toString();
    }
    auto q = Sql::run(m_db,
                      u"INSERT INTO write_off_reasons (code, name, active) VALUES (?, ?, ?) "
                      "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                      "active = EXCLUDED.active RETURNING code, name, active"_s,
                      {code, name, reason.active});
    if (!q)
        return q.error();
    q.value().next();
    const WriteOffReason saved {q.value().value(0).toString(), q.value().value(1).toString(),
                                q.value().value(2).toBool()};
    if (auto done = tx.commit(); !done)
        return done.error();
    return saved;
}

Result<qint64> WriteOffStore::approvalThreshold() const
{
    auto stored = AppStateStore(m_db).value(QString::fromLatin1(kThresholdKey));
    if (!stored)
        return stored.error();
    bool ok = false;
    const qint64 value = stored.value().toLongLong(&ok);
    return ok && value >= 0 ? value : kDefaultThreshold;
}

Result<void> WriteOffStore::setApprovalThreshold(const Actor &actor, qint64 threshold)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageOrders))
        return *refused;
    if (threshold < 0 || threshold > kMaxThreshold)
        return StoreError::invalid(u"threshold"_s,
                                   tr("The approval threshold must be from %1 to %2.")
                                       .arg(Money::format(0), Money::format(kMaxThreshold)));
    return AppStateStore(m_db).setValue(QString::fromLatin1(kThresholdKey),
                                        QString::number(threshold));
}

} // namespace shopdesk
