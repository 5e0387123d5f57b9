#include "ProductStore.h"

#include "Ean13.h"
#include "VatRateStore.h"
#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/labels/LabelQueueStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The price is the one that holds now (price_at, 0018): a scheduled price
// counts from its moment on, before anything copies it into products.
// Then every barcode of the product (product_barcodes, 0023), the main one
// first, separated by spaces (barcodes are digits).
const QString kColumns =
    u"p.id, p.plu, coalesce(p.barcode, ''), p.name, price_at(p, now()), "
    "p.updated_at, p.sold_by_weight, p.active, p.vat_code, "
    "array_to_string(ARRAY(SELECT b.barcode FROM product_barcodes b WHERE b.product_id = p.id "
    "  ORDER BY b.barcode IS DISTINCT FROM p.barcode, b.added_at, b.barcode), ' '), "
    "coalesce(p.category_id, 0), coalesce(category_path(p.category_id), '')"_s;

Product fromQuery(const QSqlQuery &q)
{
    Product p {q.value(0).toLongLong(), q.value(1).toString(),   q.value(2).toString(),
               q.value(3).toString(),   q.value(4).toLongLong(), q.value(5).toDateTime(),
               q.value(6).toBool()};
    p.active = q.value(7).toBool();
    p.vatCode = q.value(8).toString();
    p.barcodes = q.value(9).toString().split(u' ', Qt::SkipEmptyParts);
    p.categoryId = q.value(10).toLongLong();
    p.categoryPath = q.value(11).toString();
    return p;
}

// The category's path ("Dairy / Milk"), or Invalid naming "category" when
// there is no such category. 0: none, an empty path.
Result<QString> categoryPath(const QSqlDatabase &db, qint64 categoryId)
{
    if (categoryId == 0)
        return QString();
    auto path = Sql::scalar(db, u"SELECT category_path(?)"_s, {categoryId});
    if (!path)
        return path.error();
    if (path.value().isNull())
        return StoreError::invalid(
            u"category"_s,
            QCoreApplication::translate("ProductStore", "There is no category %1.")
                .arg(categoryId));
    return path.value().toString();
}

// `where` is a condition on `p` with one value to bind.
Result<std::optional<Product>> one(const QSqlDatabase &db, const QString &where,
                                   const QVariant &value)
{
    auto q = Sql::run(db, u"SELECT %1 FROM products p WHERE %2"_s.arg(kColumns, where), {value});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Product>();
    return std::optional<Product>(fromQuery(q.value()));
}

} // namespace

QString ProductStore::likeEscaped(const QString &text)
{
    QString escaped = text;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return escaped;
}

QString ProductStore::likePattern(const QString &text)
{
    return u"%"_s + likeEscaped(text) + u"%"_s;
}

std::optional<StoreError> ProductStore::validate(const NewProduct &p)
{
    static const QRegularExpression pluPattern(u"^[0-9A-Za-z_-]{1,32}$"_s);
    if (!pluPattern.match(p.plu).hasMatch())
        return StoreError::invalid(u"plu"_s,
                                   tr("The PLU must be 1 to 32 Latin letters, digits, "
                                      "'-' or '_'."));
    const QString name = p.name.trimmed();
    if (name.isEmpty() || name.size() > 200)
        return StoreError::invalid(u"name"_s, tr("The product name must be 1 to 200 characters."));
    if (p.price < 0 || p.price > kMaxPrice)
        return StoreError::invalid(u"price"_s, tr("The price must be between 0 and 100,000,000."));
    if (!p.barcode.isEmpty() && !Ean13::isValidGtin(p.barcode))
        return StoreError::invalid(u"barcode"_s,
                                   tr("The barcode must be 8, 12, 13 or 14 digits with a correct "
                                      "check digit (as printed under the bars)."));
    return std::nullopt;
}

std::optional<StoreError> ProductStore::validateBarcodes(const QStringList &barcodes)
{
    if (barcodes.size() > kMaxBarcodes)
        return StoreError::invalid(
            u"barcodes"_s, tr("A product can have at most %n barcode(s).", nullptr, kMaxBarcodes));
    for (const QString &barcode : barcodes) {
        if (!Ean13::isValidGtin(barcode.trimmed()))
            return StoreError::invalid(u"barcodes"_s,
                                       tr("The barcode %1 must be 8, 12, 13 or 14 digits with a "
                                          "correct check digit (as printed under the bars).")
                                           .arg(barcode.trimmed()));
    }
    return std::nullopt;
}

Result<Product> ProductStore::create(const Actor &actor, const NewProduct &product)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    // The barcodes it is scanned by, the main one first.
    QStringList barcodes;
    for (const QString &b : product.barcodes) {
        if (!b.trimmed().isEmpty() && !barcodes.contains(b.trimmed()))
            barcodes.append(b.trimmed());
    }
    NewProduct made = product;
    if (made.barcode.isEmpty() && !barcodes.isEmpty())
        made.barcode = barcodes.first();
    if (!made.barcode.isEmpty()) {
        barcodes.removeAll(made.barcode);
        barcodes.prepend(made.barcode);
    }
    if (!product.barcodes.isEmpty()) {
        if (auto invalid = validateBarcodes(barcodes))
            return *invalid;
    }
    if (auto invalid = validate(made))
        return *invalid;
    if (auto refused = VatRateStore::checkUsable(m_db, product.vatCode))
        return *refused;
    if (auto known = categoryPath(m_db, product.categoryId); !known)
        return known.error();
    // One statement: the product, its history row and its outbox event stand or fall together.
    auto q = Sql::run(
        m_db,
        u"WITH args AS (SELECT :plu::text AS plu, :name::text AS name, :price::bigint AS price, "
        "  nullif(:barcode::text, '') AS barcode, nullif(:staff::bigint, 0) AS staff, "
        "  :weighed::boolean AS weighed, :vat_code::text AS vat_code, "
        "  nullif(:category::bigint, 0) AS category), "
        "made AS (INSERT INTO products (plu, name, price, barcode, sold_by_weight, vat_code, "
        "  category_id) "
        "  SELECT plu, name, price, barcode, weighed, vat_code, category FROM args RETURNING *), "
        "logged AS (INSERT INTO history (product_id, plu, action, staff_id) "
        "  SELECT m.id, m.plu, 'product_created', a.staff FROM made m, args a "
        "  RETURNING id), "
        "priced AS (INSERT INTO product_prices (product_id, price, valid_from, staff_id) "
        "  SELECT m.id, m.price, m.price_from, a.staff FROM made m, args a RETURNING id), "
        "queued AS (INSERT INTO outbox (event_type, payload) "
        "  SELECT 'product.created', jsonb_build_object('plu', m.plu, 'name', m.name, "
        "    'price', m.price, 'barcode', m.barcode, 'sold_by_weight', m.sold_by_weight, "
        "    'staff_id', a.staff) "
        "  FROM made m, args a RETURNING id), "
        // The barcode is claimed here, so one that is another product's
        // second barcode is refused, never moved by the trigger (0023).
        // Its other barcodes with it, in the list's order.
        "claimed AS (INSERT INTO product_barcodes (barcode, product_id, added_at) "
        "  SELECT x.barcode, m.id, now() + x.n * interval '1 microsecond' FROM made m, "
        "  unnest(:barcodes::text[]) WITH ORDINALITY AS x(barcode, n) RETURNING 1) "
        "SELECT m.id, m.plu, coalesce(m.barcode, ''), m.name, m.price, m.updated_at, "
        "  m.sold_by_weight, m.active, m.vat_code, :barcode_list::text, "
        "  coalesce(m.category_id, 0), coalesce(category_path(m.category_id), '') "
        "FROM made m"_s,
        {{u":plu"_s, product.plu},
         {u":name"_s, product.name.trimmed()},
         {u":price"_s, product.price},
         {u":barcode"_s, made.barcode},
         {u":barcodes"_s, PgArray::text(barcodes)},
         {u":barcode_list"_s, barcodes.join(u' ')},
         {u":staff"_s, actor.staffId},
         {u":weighed"_s, product.soldByWeight},
         {u":vat_code"_s, product.vatCode},
         {u":category"_s, product.categoryId}});
    if (!q) {
        const StoreError &e = q.error();
        if (e.isUniqueViolation() &&
            (e.constraint == u"products_barcode_key"_s ||
             e.constraint == u"product_barcodes_pkey"_s)) {
            const QString field = product.barcodes.isEmpty() ? u"barcode"_s : u"barcodes"_s;
            auto owner = Sql::run(m_db,
                                  u"SELECT b.barcode, p.plu FROM product_barcodes b "
                                  "JOIN products p ON p.id = b.product_id "
                                  "WHERE b.barcode = ANY (?::text[]) "
                                  "ORDER BY b.barcode = ? DESC, b.barcode LIMIT 1"_s,
                                  {PgArray::text(barcodes), made.barcode});
            if (owner && owner.value().next())
                return StoreError::conflict(
                    tr("The barcode %1 belongs to PLU %2.")
                        .arg(owner.value().value(0).toString(), owner.value().value(1).toString()),
                    field);
            return StoreError::conflict(
                tr("Another product already has the barcode %1.").arg(made.barcode), field);
        }
        if (e.isUniqueViolation() && e.constraint == u"products_plu_key"_s)
            return StoreError::conflict(
                tr("A product with PLU %1 already exists.").arg(product.plu), u"plu"_s);
        return q.error();
    }
    q.value().next();
    return fromQuery(q.value());
}

namespace {
std::optional<StoreError> validateEdit(const ProductEdit &edit)
{
    // The list first: a bad barcode of it is named as one of the list,
    // even when it is the main one too.
    if (edit.barcodes) {
        if (auto invalid = ProductStore::validateBarcodes(*edit.barcodes))
            return invalid;
    }
    if (auto invalid = ProductStore::validate(
            NewProduct {edit.plu, edit.name, edit.price, edit.barcode, edit.soldByWeight}))
        return invalid;
    if (edit.reason.size() > 500)
        return StoreError::invalid(
            u"reason"_s,
            QCoreApplication::translate("ProductStore",
                                        "The reason must be at most 500 characters."));
    return std::nullopt;
}
} // namespace

ProductEdit ProductPatch::over(const Product &product) const
{
    return {product.plu,
            name.value_or(product.name),
            price.value_or(product.price),
            barcode.value_or(product.barcode),
            soldByWeight.value_or(product.soldByWeight),
            active.value_or(product.active),
            reason,
            vatCode.value_or(product.vatCode),
            barcodes,
            categoryId};
}

Result<Product> ProductStore::update(const Actor &actor, const ProductEdit &edit)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto invalid = validateEdit(edit))
        return *invalid;
    return change(actor, edit.plu, [&edit](const Product &) { return Result<ProductEdit>(edit); });
}

Result<Product> ProductStore::patch(const Actor &actor, const ProductPatch &patch)
{
    return change(actor, patch.plu,
                  [&patch](const Product &p) { return Result<ProductEdit>(patch.over(p)); });
}

Result<Product> ProductStore::addBarcode(const Actor &actor, const QString &plu,
                                         const QString &barcode, const QString &reason)
{
    const QString code = barcode.trimmed();
    if (auto invalid = validateBarcodes({code}))
        return *invalid;
    return change(actor, plu, [&](const Product &p) {
        ProductEdit e = ProductPatch {}.over(p);
        e.reason = reason;
        QStringList list = p.barcodes;
        if (!list.contains(code))
            list.append(code);
        e.barcodes = list;
        if (p.barcode.isEmpty())
            e.barcode = code;
        return Result<ProductEdit>(e);
    });
}

Result<Product> ProductStore::removeBarcode(const Actor &actor, const QString &plu,
                                            const QString &barcode, const QString &reason)
{
    const QString code = barcode.trimmed();
    return change(actor, plu, [&](const Product &p) -> Result<ProductEdit> {
        if (!p.barcodes.contains(code))
            return StoreError::invalid(u"barcodes"_s,
                                       tr("PLU %1 has no barcode %2.").arg(p.plu, code));
        ProductEdit e = ProductPatch {}.over(p);
        e.reason = reason;
        QStringList list = p.barcodes;
        list.removeAll(code);
        e.barcodes = list;
        // The next barcode becomes main when the main one goes.
        if (p.barcode == code)
            e.barcode.clear();
        return e;
    });
}

Result<Product> ProductStore::setMainBarcode(const Actor &actor, const QString &plu,
                                             const QString &barcode, const QString &reason)
{
    const QString code = barcode.trimmed();
    return change(actor, plu, [&](const Product &p) -> Result<ProductEdit> {
        if (!p.barcodes.contains(code))
            return StoreError::invalid(u"barcodes"_s,
                                       tr("PLU %1 has no barcode %2.").arg(p.plu, code));
        ProductEdit e = ProductPatch {}.over(p);
        e.reason = reason;
        e.barcode = code;
        e.barcodes = p.barcodes;
        return e;
    });
}

Result<Product>
ProductStore::change(const Actor &actor, const QString &plu,
                     const std::function<Result<ProductEdit>(const Product &)> &makeEdit)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // The row stays locked until the edit commits: two managers' edits of one
    // product follow each other, each comparing with what the other wrote.
    auto locked = Sql::run(
        m_db, u"SELECT %1 FROM products p WHERE p.plu = ? FOR UPDATE"_s.arg(kColumns), {plu});
    if (!locked)
        return locked.error();
    if (!locked.value().next())
        return StoreError::notFound(tr("There is no product with PLU %1.").arg(plu));
    const Product old = fromQuery(locked.value());
    const Result<ProductEdit> made = makeEdit(old);
    if (!made)
        return made.error();
    ProductEdit edit = made.value();
    if (auto invalid = validateEdit(edit))
        return *invalid;

    // The barcodes the product is left with, the main one first: the list
    // the edit gives, or the product's with its main barcode replaced.
    QStringList barcodes;
    if (edit.barcodes) {
        for (const QString &b : *edit.barcodes) {
            if (!b.trimmed().isEmpty() && !barcodes.contains(b.trimmed()))
                barcodes.append(b.trimmed());
        }
        if (edit.barcode.isEmpty() && !barcodes.isEmpty())
            edit.barcode = barcodes.first();
    } else {
        barcodes = old.barcodes;
        barcodes.removeAll(old.barcode);
    }
    if (!edit.barcode.isEmpty()) {
        barcodes.removeAll(edit.barcode);
        barcodes.prepend(edit.barcode);
    }

    const QString name = edit.name.trimmed();
    QJsonObject before, after;
    if (name != old.name) {
        before.insert(u"name"_s, old.name);
        after.insert(u"name"_s, name);
    }
    if (edit.price != old.price) {
        before.insert(u"price"_s, old.price);
        after.insert(u"price"_s, edit.price);
    }
    if (edit.barcode != old.barcode) {
        before.insert(u"barcode"_s, old.barcode);
        after.insert(u"barcode"_s, edit.barcode);
    }
    QStringList oldSet = old.barcodes, newSet = barcodes;
    oldSet.sort();
    newSet.sort();
    if (oldSet != newSet) {
        before.insert(u"barcodes"_s, QJsonArray::fromStringList(old.barcodes));
        after.insert(u"barcodes"_s, QJsonArray::fromStringList(barcodes));
    }
    if (edit.soldByWeight != old.soldByWeight) {
        before.insert(u"sold_by_weight"_s, old.soldByWeight);
        after.insert(u"sold_by_weight"_s, edit.soldByWeight);
    }
    if (edit.active != old.active) {
        before.insert(u"active"_s, old.active);
        after.insert(u"active"_s, edit.active);
    }
    const QString vatCode = edit.vatCode.isEmpty() ? old.vatCode : edit.vatCode;
    if (vatCode != old.vatCode) {
        // A rate no longer offered may stay on a product, not be given to one.
        if (auto refused = VatRateStore::checkUsable(m_db, vatCode))
            return *refused;
        before.insert(u"vat_code"_s, old.vatCode);
        after.insert(u"vat_code"_s, vatCode);
    }
    const qint64 categoryId = edit.categoryId.value_or(old.categoryId);
    if (categoryId != old.categoryId) {
        auto path = categoryPath(m_db, categoryId);
        if (!path)
            return path.error();
        const auto idOrNull = [](qint64 id) {
            return id ? QJsonValue(id) : QJsonValue();
        };
        const auto pathOrNull = [](const QString &p) {
            return p.isEmpty() ? QJsonValue() : QJsonValue(p);
        };
        before.insert(u"category_id"_s, idOrNull(old.categoryId));
        before.insert(u"category"_s, pathOrNull(old.categoryPath));
        after.insert(u"category_id"_s, idOrNull(categoryId));
        after.insert(u"category"_s, pathOrNull(path.value()));
    }
    if (after.isEmpty())
        return old;

    if (after.contains(u"sold_by_weight"_s)) {
        // Stock kept in pieces would be read as grams, or the other way round.
        auto moved = Sql::scalar(m_db,
                                 u"SELECT EXISTS (SELECT 1 FROM history WHERE product_id = ? "
                                 "AND action NOT IN ('product_created', 'product_changed'))"_s,
                                 {old.id});
        if (!moved)
            return moved.error();
        if (moved.value().toBool())
            return StoreError::conflict(
                tr("The unit of PLU %1 cannot change: its stock has already moved. Archive it "
                   "and create a new product with the other unit.")
                    .arg(old.plu),
                u"sold_by_weight"_s);
    }
    const bool barcodesChanged = after.contains(u"barcode"_s) || after.contains(u"barcodes"_s);
    if (barcodesChanged && !barcodes.isEmpty()) {
        // Every main barcode is in product_barcodes too (0023): one look
        // finds the product any of them belongs to.
        auto owner = Sql::run(m_db,
                              u"SELECT b.barcode, p.plu FROM product_barcodes b "
                              "JOIN products p ON p.id = b.product_id "
                              "WHERE b.barcode = ANY (?::text[]) AND b.product_id <> ? "
                              "ORDER BY b.barcode LIMIT 1"_s,
                              {PgArray::text(barcodes), old.id});
        if (!owner)
            return owner.error();
        if (owner.value().next()) {
            const QString taken = owner.value().value(0).toString();
            return StoreError::conflict(tr("The barcode %1 belongs to PLU %2.")
                                            .arg(taken, owner.value().value(1).toString()),
                                        edit.barcodes ? u"barcodes"_s : u"barcode"_s);
        }
        // Claimed before the product names one as its main barcode, so the
        // trigger that keeps the list in step never moves one from another
        // product: a product that took it meanwhile makes this a conflict.
        auto claimed = Sql::run(m_db,
                                u"INSERT INTO product_barcodes (barcode, product_id) "
                                "SELECT x, :id FROM unnest(:list::text[]) x "
                                "WHERE NOT EXISTS (SELECT 1 FROM product_barcodes b "
                                "  WHERE b.barcode = x AND b.product_id = :id)"_s,
                                {{u":id"_s, old.id}, {u":list"_s, PgArray::text(barcodes)}});
        if (!claimed) {
            if (claimed.error().isUniqueViolation())
                return StoreError::conflict(
                    tr("Another product already has the barcode %1.").arg(barcodes.join(u", "_s)),
                    u"barcodes"_s);
            return claimed.error();
        }
    }

    // One statement: the product, its price from now, its change and its
    // history row. A price set now starts now (price_from) and supersedes
    // the prices scheduled before this moment, not those after it; an edit
    // that keeps the price leaves products.price as it is (a due scheduled
    // price still holds through price_at).
    auto q = Sql::run(
        m_db,
        u"WITH args AS (SELECT :id::bigint AS id, :name::text AS name, :price::bigint AS price, "
        "  nullif(:barcode::text, '') AS barcode, :weighed::boolean AS weighed, "
        "  :active::boolean AS active, nullif(:staff::bigint, 0) AS staff, "
        "  coalesce(:reason::text, '') AS reason, :price_changed::boolean AS price_changed, "
        "  :vat_code::text AS vat_code, nullif(:category::bigint, 0) AS category), "
        "changed AS (UPDATE products p SET name = a.name, barcode = a.barcode, "
        "  sold_by_weight = a.weighed, active = a.active, vat_code = a.vat_code, "
        "  category_id = a.category, "
        "  updated_at = now(), "
        "  price = CASE WHEN a.price_changed THEN a.price ELSE p.price END, "
        "  price_from = CASE WHEN a.price_changed THEN now() ELSE p.price_from END "
        "  FROM args a WHERE p.id = a.id RETURNING p.*), "
        "priced AS (INSERT INTO product_prices (product_id, price, valid_from, staff_id, reason) "
        "  SELECT c.id, c.price, c.price_from, a.staff, a.reason FROM changed c, args a "
        "  WHERE a.price_changed RETURNING id), "
        "kept AS (INSERT INTO product_changes (product_id, staff_id, reason, before, after) "
        "  SELECT c.id, a.staff, a.reason, :before::jsonb, :after::jsonb "
        "  FROM changed c, args a RETURNING id), "
        "logged AS (INSERT INTO history (product_id, plu, action, staff_id, reason) "
        "  SELECT c.id, c.plu, 'product_changed', a.staff, a.reason FROM changed c, args a "
        "  RETURNING id) "
        "SELECT c.id FROM changed c"_s,
        {{u":id"_s, old.id},
         {u":name"_s, name},
         {u":price"_s, edit.price},
         {u":barcode"_s, edit.barcode},
         {u":weighed"_s, edit.soldByWeight},
         {u":active"_s, edit.active},
         {u":staff"_s, actor.staffId},
         {u":reason"_s, edit.reason.trimmed()},
         {u":price_changed"_s, after.contains(u"price"_s)},
         {u":vat_code"_s, vatCode},
         {u":category"_s, categoryId},
         {u":before"_s, QString::fromUtf8(QJsonDocument(before).toJson(QJsonDocument::Compact))},
         {u":after"_s, QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact))}});
    if (!q) {
        const StoreError &e = q.error();
        if (e.isUniqueViolation() && e.constraint == u"products_barcode_key"_s)
            return StoreError::conflict(
                tr("Another product already has the barcode %1.").arg(edit.barcode), u"barcode"_s);
        return e;
    }
    if (!q.value().next())
        return StoreError::notFound(tr("There is no product with PLU %1.").arg(edit.plu));
    if (barcodesChanged) {
        // The trigger took the replaced main barcode off the list; the list
        // is now made exactly the edit's (a demoted main barcode stays).
        auto kept = Sql::run(m_db,
                             u"WITH gone AS (DELETE FROM product_barcodes WHERE product_id = :id "
                             "  AND NOT (barcode = ANY (:list::text[])) RETURNING 1) "
                             "INSERT INTO product_barcodes (barcode, product_id) "
                             "SELECT x, :id FROM unnest(:list::text[]) x "
                             "ON CONFLICT (barcode) DO NOTHING"_s,
                             {{u":id"_s, old.id}, {u":list"_s, PgArray::text(barcodes)}});
        if (!kept)
            return kept.error();
    }
    auto reread = one(m_db, u"p.id = ?"_s, old.id);
    if (!reread)
        return reread.error();
    if (!reread.value())
        return StoreError::notFound(tr("There is no product with PLU %1.").arg(edit.plu));
    const Product changed = *reread.value();
    // The shelf tag is wrong from this moment: queue a new one with the change.
    if (after.contains(u"price"_s)) {
        if (auto queued = LabelQueueStore::enqueue(
                m_db, old.id, std::nullopt, LabelReason::PriceChanged, std::nullopt, actor.staffId);
            !queued)
            return queued.error();
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return changed;
}

Result<std::optional<Product>> ProductStore::byPlu(const QString &plu) const
{
    return one(m_db, u"p.plu = ?"_s, plu);
}

Result<std::optional<Product>> ProductStore::byBarcode(const QString &barcode) const
{
    return one(m_db, u"p.id = (SELECT b.product_id FROM product_barcodes b WHERE b.barcode = ?)"_s,
               barcode);
}

Result<QList<Product>> ProductStore::findByName(const QString &text, int limit) const
{
    // A word starts after a space or after one of - ( « " / , . (read as
    // spaces for the ranking only; the trigram index finds the rows).
    const QString escaped = likeEscaped(text.trimmed());
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM products p WHERE p.name ILIKE :anywhere "
                      "ORDER BY CASE WHEN p.name ILIKE :start THEN 0 "
                      "  WHEN ' ' || translate(p.name, '-(«\"/,.', '       ') ILIKE :word THEN 1 "
                      "  ELSE 2 END, p.name, p.id LIMIT :limit"_s.arg(kColumns),
                      {{u":anywhere"_s, likePattern(text.trimmed())},
                       {u":start"_s, QString(escaped + u"%"_s)},
                       {u":word"_s, QString(u"% "_s + escaped + u"%"_s)},
                       {u":limit"_s, QVariant(qBound(1, limit, 1000))}});
    if (!q)
        return q.error();
    QList<Product> products;
    while (q.value().next())
        products.append(fromQuery(q.value()));
    return products;
}

Result<QList<Product>> ProductStore::search(const QString &name, const QString &plu, qint64 afterId,
                                            int limit) const
{
    QStringList where {u"p.id > ?"_s};
    QVariantList values {afterId};
    if (!name.trimmed().isEmpty()) {
        where << u"p.name ILIKE ?"_s;
        values << likePattern(name.trimmed());
    }
    if (!plu.isEmpty()) {
        where << u"p.plu = ?"_s;
        values << plu;
    }
    values << qBound(1, limit, 1000);
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM products p WHERE %2 ORDER BY p.id LIMIT ?"_s.arg(
                          kColumns, where.join(u" AND "_s)),
                      values);
    if (!q)
        return q.error();
    QList<Product> products;
    while (q.value().next())
        products.append(fromQuery(q.value()));
    return products;
}

Result<QList<ProductChange>> ProductStore::changes(const QString &plu, int limit) const
{
    auto q = Sql::run(m_db,
                      u"SELECT c.at, coalesce(s.display_name, ''), c.reason, c.before::text, "
                      "  c.after::text FROM product_changes c "
                      "JOIN products p ON p.id = c.product_id "
                      "LEFT JOIN staff s ON s.id = c.staff_id "
                      "WHERE p.plu = ? ORDER BY c.at DESC, c.id DESC LIMIT ?"_s,
                      {plu, qBound(1, limit, 1000)});
    if (!q)
        return q.error();
    QList<ProductChange> list;
    while (q.value().next()) {
        ProductChange c;
        c.at = q.value().value(0).toDateTime();
        c.staffName = q.value().value(1).toString();
        c.reason = q.value().value(2).toString();
        c.before = QJsonDocument::fromJson(q.value().value(3).toString().toUtf8()).object();
        c.after = QJsonDocument::fromJson(q.value().value(4).toString().toUtf8()).object();
        list.append(c);
    }
    return list;
}

} // namespace shopdesk
