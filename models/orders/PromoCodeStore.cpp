#include "PromoCodeStore.h"

#include "models/core/Money.h"
#include "models/core/Sql.h"

#include <QLocale>
#include <QSqlRecord>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

QString PromoCodeStore::countedStatuses()
{
    return u"('awaiting_payment', 'paid', 'returned')"_s;
}

Result<QStringList> PromoCodeStore::automaticCandidates(qint64 subtotal) const
{
    auto q = Sql::run(m_db,
                      u"SELECT code FROM promo_codes WHERE automatic AND active "
                      "AND (valid_from IS NULL OR valid_from <= now()) "
                      "AND (valid_until IS NULL OR valid_until > now()) AND min_total <= ? "
                      "ORDER BY id"_s,
                      {subtotal});
    if (!q)
        return q.error();
    QStringList codes;
    while (q.value().next())
        codes << q.value().value(0).toString();
    return codes;
}

Result<PromoCodeStore::Valid> PromoCodeStore::check(const QString &typed,
                                                    std::optional<qint64> subtotal,
                                                    const QTimeZone &zone) const
{
    Purchase purchase;
    purchase.subtotal = subtotal;
    return check(typed, purchase, zone);
}

Result<PromoCodeStore::Valid> PromoCodeStore::check(const QString &typed, const Purchase &purchase,
                                                    const QTimeZone &zone) const
{
    const QString code = typed.trimmed().toUpper();
    // FOR NO KEY UPDATE: the orders that name the code (a foreign key) are
    // not held up, but a second check of the same code waits for this
    // order's transaction and then counts its use.
    auto q = Sql::run(m_db,
                      u"SELECT id, kind, value, active, valid_from, valid_until, min_total, "
                      "max_uses, max_uses_per_customer, "
                      "valid_from > now() AS early, valid_until <= now() AS late "
                      "FROM promo_codes WHERE code = ?%1"_s.arg(
                          purchase.lock ? u" FOR NO KEY UPDATE"_s : QString()),
                      {code});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::invalid(u"promo_code"_s, tr("There is no promo code %1.").arg(code));
    const QSqlRecord row = q.value().record();
    const auto when = [&zone](const QVariant &at) {
        return QLocale().toString(at.toDateTime().toTimeZone(zone), QLocale::ShortFormat);
    };
    if (!row.value(u"active"_s).toBool())
        return StoreError::invalid(u"promo_code"_s,
                                   tr("Promo code %1 has been switched off.").arg(code));
    if (row.value(u"early"_s).toBool())
        return StoreError::invalid(u"promo_code"_s,
                                   tr("Promo code %1 is not valid yet: it starts on %2.")
                                       .arg(code, when(row.value(u"valid_from"_s))));
    if (row.value(u"late"_s).toBool())
        return StoreError::invalid(u"promo_code"_s,
                                   tr("Promo code %1 has expired: it ended on %2.")
                                       .arg(code, when(row.value(u"valid_until"_s))));
    Valid valid;
    valid.id = row.value(u"id"_s).toLongLong();
    valid.code = code;
    // The schema allows no other kind (a CHECK constraint).
    valid.promo.kind =
        promoKindFromKey(row.value(u"kind"_s).toString()).value_or(PromoKind::Amount);
    valid.promo.value = row.value(u"value"_s).toLongLong();
    valid.minTotal = row.value(u"min_total"_s).toLongLong();
    if (!row.value(u"max_uses"_s).isNull())
        valid.maxUses = row.value(u"max_uses"_s).toInt();
    if (!row.value(u"max_uses_per_customer"_s).isNull())
        valid.maxUsesPerCustomer = row.value(u"max_uses_per_customer"_s).toInt();
    if (purchase.subtotal && *purchase.subtotal < valid.minTotal)
        return StoreError::invalid(
            u"promo_code"_s,
            tr("Promo code %1 needs a purchase of at least %2; this one is %3.")
                .arg(code, Money::format(valid.minTotal), Money::format(*purchase.subtotal)));

    // The products it names, and those of the categories it names and of
    // their subcategories.
    auto products = Sql::run(
        m_db,
        u"WITH RECURSIVE chosen(id) AS (SELECT category_id FROM promo_code_categories "
        "  WHERE promo_code_id = :id UNION SELECT c.id FROM categories c "
        "  JOIN chosen ON c.parent_id = chosen.id) "
        "SELECT EXISTS (SELECT 1 FROM promo_code_products WHERE promo_code_id = :id) "
        "  OR EXISTS (SELECT 1 FROM promo_code_categories WHERE promo_code_id = :id), NULL "
        "UNION ALL SELECT NULL, product_id FROM promo_code_products WHERE promo_code_id = :id "
        "UNION ALL SELECT NULL, p.id FROM products p JOIN chosen ON p.category_id = chosen.id"_s,
        {{u":id"_s, valid.id}});
    if (!products)
        return products.error();
    while (products.value().next()) {
        if (!products.value().value(0).isNull())
            valid.promo.limited = products.value().value(0).toBool();
        else
            valid.promo.productIds.insert(products.value().value(1).toLongLong());
    }
    if (valid.promo.limited && !purchase.productIds.isEmpty() &&
        std::none_of(purchase.productIds.cbegin(), purchase.productIds.cend(),
                     [&](qint64 id) { return valid.promo.appliesTo(id); }))
        return StoreError::invalid(
            u"promo_code"_s,
            tr("Promo code %1 is for other products: nothing in this purchase has its discount.")
                .arg(code));

    auto uses =
        Sql::run(m_db,
                 u"SELECT count(*), count(*) FILTER (WHERE customer_id = :customer) "
                 "FROM orders WHERE promo_code_id = :id AND status IN %1"_s.arg(countedStatuses()),
                 {{u":id"_s, valid.id}, {u":customer"_s, purchase.customerId.value_or(0)}});
    if (!uses)
        return uses.error();
    uses.value().next();
    valid.uses = uses.value().value(0).toInt();
    if (valid.maxUses && valid.uses >= *valid.maxUses)
        return StoreError::invalid(u"promo_code"_s,
                                   tr("Promo code %1 has been used up: it was good for %n use(s).",
                                      nullptr, *valid.maxUses)
                                       .arg(code));
    if (valid.maxUsesPerCustomer && purchase.customerKnown) {
        if (!purchase.customerId)
            return StoreError::invalid(u"customer"_s,
                                       tr("Promo code %1 is limited per customer: choose the "
                                          "customer first.")
                                           .arg(code));
        if (uses.value().value(1).toInt() >= *valid.maxUsesPerCustomer)
            return StoreError::invalid(
                u"promo_code"_s,
                tr("This customer has used promo code %1 already: it is good for %n use(s) "
                   "per customer.",
                   nullptr, *valid.maxUsesPerCustomer)
                    .arg(code));
    }
    return valid;
}

} // namespace shopdesk
