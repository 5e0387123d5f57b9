#include "HeldSaleStore.h"

#include "models/core/Permissions.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QString compact(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

ParkedSale parkedFrom(const QSqlQuery &q)
{
    ParkedSale p;
    p.id = q.value(0).toLongLong();
    p.till = q.value(1).toString();
    p.cashier = q.value(2).toString();
    p.parkedAt = q.value(3).toDateTime();
    p.total = q.value(4).toLongLong();
    p.units = q.value(5).toInt();
    p.sale = HeldSaleStore::fromJson(QJsonDocument::fromJson(q.value(6).toByteArray()).object());
    return p;
}

const QString kParkedColumns =
    u"p.id, p.till, s.display_name, p.parked_at, p.total, p.units, "
    "p.sale::text FROM parked_sales p JOIN staff s ON s.id = p.staff_id"_s;

} // namespace

QJsonObject HeldSaleStore::toJson(const OpenSale &sale)
{
    QJsonArray lines;
    for (const auto &[product, quantity] : sale.lines)
        lines.append(QJsonObject {{u"product_id"_s, product.id},
                                  {u"plu"_s, product.plu},
                                  {u"barcode"_s, product.barcode},
                                  {u"name"_s, product.name},
                                  {u"price"_s, product.price},
                                  {u"weighed"_s, product.soldByWeight},
                                  {u"qty"_s, quantity}});
    QJsonObject json {{u"lines"_s, lines}, {u"promo_code"_s, sale.promoCode}};
    if (sale.customer)
        json.insert(u"customer"_s,
                    QJsonObject {{u"id"_s, sale.customer->id},
                                 {u"first_name"_s, sale.customer->firstName},
                                 {u"last_name"_s, sale.customer->lastName},
                                 {u"phone"_s, sale.customer->phone},
                                 {u"email"_s, sale.customer->email}});
    return json;
}

OpenSale HeldSaleStore::fromJson(const QJsonObject &json)
{
    OpenSale sale;
    for (const QJsonValue &v : json.value(u"lines"_s).toArray()) {
        const QJsonObject line = v.toObject();
        Product p;
        p.id = line.value(u"product_id"_s).toInteger();
        p.plu = line.value(u"plu"_s).toString();
        p.barcode = line.value(u"barcode"_s).toString();
        p.name = line.value(u"name"_s).toString();
        p.price = line.value(u"price"_s).toInteger();
        p.soldByWeight = line.value(u"weighed"_s).toBool();
        sale.lines.append({p, int(line.value(u"qty"_s).toInteger())});
    }
    sale.promoCode = json.value(u"promo_code"_s).toString();
    if (json.contains(u"customer"_s)) {
        const QJsonObject c = json.value(u"customer"_s).toObject();
        Customer customer;
        customer.id = c.value(u"id"_s).toInteger();
        customer.firstName = c.value(u"first_name"_s).toString();
        customer.lastName = c.value(u"last_name"_s).toString();
        customer.phone = c.value(u"phone"_s).toString();
        customer.email = c.value(u"email"_s).toString();
        sale.customer = customer;
    }
    return sale;
}

Result<qint64> HeldSaleStore::park(const Actor &actor, qint64 shopId, const QString &till,
                                   const OpenSale &sale, qint64 total, int units)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (sale.lines.isEmpty())
        return StoreError::invalid(u"lines"_s, tr("An empty sale cannot be parked."));
    auto q = Sql::run(m_db,
                      u"INSERT INTO parked_sales (shop_id, till, staff_id, total, units, sale) "
                      "VALUES (:shop, :till, :staff, :total, :units, :sale::jsonb) RETURNING id"_s,
                      {{u":shop"_s, shopId},
                       {u":till"_s, till},
                       {u":staff"_s, actor.staffId},
                       {u":total"_s, total},
                       {u":units"_s, units},
                       {u":sale"_s, compact(toJson(sale))}});
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

Result<QList<ParkedSale>> HeldSaleStore::parked(qint64 shopId, const QString &till) const
{
    auto q = Sql::run(m_db,
                      u"SELECT "_s + kParkedColumns +
                          u" WHERE p.shop_id = ? AND p.till = ? ORDER BY p.parked_at, p.id"_s,
                      {shopId, till});
    if (!q)
        return q.error();
    QList<ParkedSale> list;
    while (q.value().next())
        list.append(parkedFrom(q.value()));
    return list;
}

Result<ParkedSale> HeldSaleStore::recall(const Actor &actor, qint64 parkedId)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto q = Sql::run(m_db, u"SELECT "_s + kParkedColumns + u" WHERE p.id = ? FOR UPDATE OF p"_s,
                      {parkedId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("That parked sale was recalled already."));
    const ParkedSale found = parkedFrom(q.value());
    if (auto gone = Sql::run(m_db, u"DELETE FROM parked_sales WHERE id = ?"_s, {parkedId}); !gone)
        return gone.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return found;
}

Result<qint64> HeldSaleStore::recordVoid(const Actor &actor, qint64 shopId, const QString &till,
                                         const OpenSale &sale, qint64 total)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    QJsonArray lines;
    for (const auto &[product, quantity] : sale.lines) {
        // The price the till showed: a manager's where one was approved.
        qint64 unitPrice = product.price;
        for (const PriceOverride &o : sale.priceOverrides)
            if (o.plu == product.plu)
                unitPrice = o.unitPrice;
        lines.append(QJsonObject {{u"plu"_s, product.plu},
                                  {u"name"_s, product.name},
                                  {u"qty"_s, quantity},
                                  {u"weighed"_s, product.soldByWeight},
                                  {u"unit_price"_s, unitPrice}});
    }
    auto q = Sql::run(
        m_db,
        u"INSERT INTO voided_sales (shop_id, till, shift_id, staff_id, total, lines) "
        "VALUES (:shop, :till, (SELECT id FROM shifts WHERE shop_id = :shop AND till = :till "
        "AND closed_at IS NULL), :staff, :total, :lines::jsonb) RETURNING id"_s,
        {{u":shop"_s, shopId},
         {u":till"_s, till},
         {u":staff"_s, actor.staffId},
         {u":total"_s, total},
         {u":lines"_s, QString::fromUtf8(QJsonDocument(lines).toJson(QJsonDocument::Compact))}});
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

Result<QList<VoidedSale>> HeldSaleStore::voided(const Actor &actor, qint64 shopId,
                                                const QDateTime &since, int limit) const
{
    if (auto refused = checkPermission(actor.role, Permission::ManageOrders))
        return *refused;
    auto q = Sql::run(m_db,
                      u"SELECT v.id, v.till, s.display_name, v.at, v.total, v.lines::text "
                      "FROM voided_sales v JOIN staff s ON s.id = v.staff_id "
                      "WHERE v.shop_id = ? AND v.at >= ? ORDER BY v.at DESC, v.id DESC LIMIT ?"_s,
                      {shopId, since.toUTC(), qBound(1, limit, kMaxVoidedListed)});
    if (!q)
        return q.error();
    QList<VoidedSale> list;
    while (q.value().next()) {
        VoidedSale v;
        v.id = q.value().value(0).toLongLong();
        v.till = q.value().value(1).toString();
        v.cashier = q.value().value(2).toString();
        v.at = q.value().value(3).toDateTime();
        v.total = q.value().value(4).toLongLong();
        const QJsonArray lines =
            QJsonDocument::fromJson(q.value().value(5).toString().toUtf8()).array();
        for (const QJsonValue &value : lines) {
            const QJsonObject line = value.toObject();
            v.lines.append({line.value(u"plu"_s).toString(), line.value(u"name"_s).toString(),
                            line.value(u"qty"_s).toInteger(), line.value(u"weighed"_s).toBool(),
                            line.value(u"unit_price"_s).toInteger()});
        }
        list.append(v);
    }
    return list;
}

} // namespace shopdesk
