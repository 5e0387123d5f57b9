#include "ProductStore.h"

#include "Ean13.h"
#include "models/core/Permissions.h"
#include "models/core/Sql.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

const QString kColumns =
    u"id, plu, coalesce(barcode, ''), name, price, updated_at, sold_by_weight"_s;

Product fromQuery(const QSqlQuery &q)
{
    return Product {q.value(0).toLongLong(), q.value(1).toString(),   q.value(2).toString(),
                    q.value(3).toString(),   q.value(4).toLongLong(), q.value(5).toDateTime(),
                    q.value(6).toBool()};
}

Result<std::optional<Product>> one(const QSqlDatabase &db, const QString &where,
                                   const QString &value)
{
    auto q = Sql::run(db, u"SELECT %1 FROM products WHERE %2 = ?"_s.arg(kColumns, where), {value});
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

Result<Product> ProductStore::create(const Actor &actor, const NewProduct &product)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto invalid = validate(product))
        return *invalid;
    // One statement: the product, its history row and its outbox event stand or fall together.
    auto q = Sql::run(
        m_db,
        u"WITH args AS (SELECT :plu::text AS plu, :name::text AS name, :price::bigint AS price, "
        "  nullif(:barcode::text, '') AS barcode, nullif(:staff::bigint, 0) AS staff, "
        "  :weighed::boolean AS weighed), "
        "made AS (INSERT INTO products (plu, name, price, barcode, sold_by_weight) "
        "  SELECT plu, name, price, barcode, weighed FROM args RETURNING *), "
        "logged AS (INSERT INTO history (product_id, plu, action, staff_id) "
        "  SELECT m.id, m.plu, 'product_created', a.staff FROM made m, args a "
        "  RETURNING id), "
        "queued AS (INSERT INTO outbox (event_type, payload) "
        "  SELECT 'product.created', jsonb_build_object('plu', m.plu, 'name', m.name, "
        "    'price', m.price, 'barcode', m.barcode, 'sold_by_weight', m.sold_by_weight, "
        "    'staff_id', a.staff) "
        "  FROM made m, args a RETURNING id) "
        "SELECT m.id, m.plu, coalesce(m.barcode, ''), m.name, m.price, m.updated_at, "
        "  m.sold_by_weight FROM made m"_s,
        {{u":plu"_s, product.plu},
         {u":name"_s, product.name.trimmed()},
         {u":price"_s, product.price},
         {u":barcode"_s, product.barcode},
         {u":staff"_s, actor.staffId},
         {u":weighed"_s, product.soldByWeight}});
    if (!q) {
        const StoreError &e = q.error();
        if (e.isUniqueViolation() && e.constraint == u"products_barcode_key"_s)
            return StoreError::conflict(
                tr("Another product already has the barcode %1.").arg(product.barcode),
                u"barcode"_s);
        if (e.isUniqueViolation() && e.constraint == u"products_plu_key"_s)
            return StoreError::conflict(
                tr("A product with PLU %1 already exists.").arg(product.plu), u"plu"_s);
        return q.error();
    }
    q.value().next();
    return fromQuery(q.value());
}

Result<std::optional<Product>> ProductStore::byPlu(const QString &plu) const
{
    return one(m_db, u"plu"_s, plu);
}

Result<std::optional<Product>> ProductStore::byBarcode(const QString &barcode) const
{
    return one(m_db, u"barcode"_s, barcode);
}

Result<QList<Product>> ProductStore::findByName(const QString &text, int limit) const
{
    // A word starts after a space or after one of - ( « " / , . (read as
    // spaces for the ranking only; the trigram index finds the rows).
    const QString escaped = likeEscaped(text.trimmed());
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM products WHERE name ILIKE :anywhere "
                      "ORDER BY CASE WHEN name ILIKE :start THEN 0 "
                      "  WHEN ' ' || translate(name, '-(«\"/,.', '       ') ILIKE :word THEN 1 "
                      "  ELSE 2 END, name, id LIMIT :limit"_s.arg(kColumns),
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
    QStringList where {u"id > ?"_s};
    QVariantList values {afterId};
    if (!name.trimmed().isEmpty()) {
        where << u"name ILIKE ?"_s;
        values << likePattern(name.trimmed());
    }
    if (!plu.isEmpty()) {
        where << u"plu = ?"_s;
        values << plu;
    }
    values << qBound(1, limit, 1000);
    auto q = Sql::run(m_db,
                      u"SELECT %1 FROM products WHERE %2 ORDER BY id LIMIT ?"_s.arg(
                          kColumns, where.join(u" AND "_s)),
                      values);
    if (!q)
        return q.error();
    QList<Product> products;
    while (q.value().next())
        products.append(fromQuery(q.value()));
    return products;
}

} // namespace shopdesk
