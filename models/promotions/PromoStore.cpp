#include "PromoStore.h"

#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/orders/PromoCodeStore.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// One SELECT for the list and for one code, its uses counted as the till
// counts them; the PLUs one per line.
QString selectCodes(const QString &where)
{
    return u"SELECT p.id, p.code, p.kind, p.value, p.valid_from, p.valid_until, p.min_total, "
           "p.max_uses, p.max_uses_per_customer, p.active, p.automatic, p.from_central, "
           "p.updated_at, "
           "coalesce((SELECT string_agg(pr.plu, E'\\n' ORDER BY pr.plu) "
           "  FROM promo_code_products x JOIN products pr ON pr.id = x.product_id "
           "  WHERE x.promo_code_id = p.id), '') AS plus, "
           "coalesce((SELECT string_agg(x.category_id || E'\t' || category_path(x.category_id), "
           "  E'\n' ORDER BY category_path(x.category_id)) "
           "  FROM promo_code_categories x WHERE x.promo_code_id = p.id), '') AS categories, "
           "u.uses, u.discount "
           "FROM promo_codes p LEFT JOIN LATERAL (SELECT count(*) AS uses, "
           "  coalesce(sum(o.discount), 0) AS discount FROM orders o "
           "  WHERE o.promo_code_id = p.id AND o.status IN %1) u ON true %2 "
           "ORDER BY p.created_at DESC, p.id DESC"_s.arg(PromoCodeStore::countedStatuses(), where);
}

PromoCode codeFrom(const QSqlRecord &row)
{
    PromoCode p;
    p.id = row.value(u"id"_s).toLongLong();
    p.code = row.value(u"code"_s).toString();
    p.kind = promoKindFromKey(row.value(u"kind"_s).toString()).value_or(PromoKind::Amount);
    p.value = row.value(u"value"_s).toLongLong();
    p.validFrom = row.value(u"valid_from"_s).toDateTime();
    p.validUntil = row.value(u"valid_until"_s).toDateTime();
    p.minTotal = row.value(u"min_total"_s).toLongLong();
    if (!row.value(u"max_uses"_s).isNull())
        p.maxUses = row.value(u"max_uses"_s).toInt();
    if (!row.value(u"max_uses_per_customer"_s).isNull())
        p.maxUsesPerCustomer = row.value(u"max_uses_per_customer"_s).toInt();
    p.active = row.value(u"active"_s).toBool();
    p.automatic = row.value(u"automatic"_s).toBool();
    p.fromCentral = row.value(u"from_central"_s).toBool();
    p.updatedAt = row.value(u"updated_at"_s).toDateTime();
    const QString plus = row.value(u"plus"_s).toString();
    if (!plus.isEmpty())
        p.plus = plus.split(u'\n');
    const QString categories = row.value(u"categories"_s).toString();
    if (!categories.isEmpty()) {
        for (const QString &line : categories.split(u'\n')) {
            p.categoryIds << line.section(u'\t', 0, 0).toLongLong();
            p.categories << line.section(u'\t', 1);
        }
    }
    p.uses = row.value(u"uses"_s).toInt();
    p.discountGiven = row.value(u"discount"_s).toLongLong();
    return p;
}

QVariant optionalInt(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

QVariant optionalTime(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toUTC()) : QVariant(QMetaType::fromType<QDateTime>());
}

} // namespace

StoreError PromoStore::headOfficesCode(const QString &code)
{
    return StoreError::invalid(u"code"_s,
                               tr("Promo code %1 comes from the head office: it is changed "
                                  "there, and reaches this shop with the catalog.")
                                   .arg(code));
}

QString PromoStore::normalised(const QString &code)
{
    return code.trimmed().toUpper();
}

std::optional<StoreError> PromoStore::validate(const PromoCodeInput &input)
{
    static const QRegularExpression codePattern(u"^[A-Z0-9_-]{3,32}$"_s);
    if (!codePattern.match(normalised(input.code)).hasMatch())
        return StoreError::invalid(u"code"_s,
                                   tr("The code must be 3 to 32 Latin letters, digits, '-' or "
                                      "'_', with no spaces."));
    if (input.kind == PromoKind::Percent && (input.value < 1 || input.value > 100))
        return StoreError::invalid(u"value"_s,
                                   tr("A percentage off must be a whole number from 1 to 100."));
    if (input.kind == PromoKind::Amount && (input.value < 1 || input.value > kMaxAmount))
        return StoreError::invalid(
            u"value"_s,
            tr("An amount off must be more than 0 and at most %1.").arg(Money::format(kMaxAmount)));
    if (input.validFrom.isValid() && input.validUntil.isValid() &&
        input.validUntil <= input.validFrom)
        return StoreError::invalid(u"valid_until"_s, tr("The code must end after it starts."));
    if (input.minTotal < 0 || input.minTotal > kMaxAmount)
        return StoreError::invalid(
            u"min_total"_s,
            tr("The smallest purchase must be from 0 to %1.").arg(Money::format(kMaxAmount)));
    if (input.maxUses && (*input.maxUses < 1 || *input.maxUses > kMaxUses))
        return StoreError::invalid(
            u"max_uses"_s,
            tr("The number of uses must be from 1 to %L1, or no limit.").arg(kMaxUses));
    if (input.maxUsesPerCustomer &&
        (*input.maxUsesPerCustomer < 1 || *input.maxUsesPerCustomer > kMaxUses))
        return StoreError::invalid(
            u"max_uses_per_customer"_s,
            tr("The number of uses per customer must be from 1 to %L1, or no limit.")
                .arg(kMaxUses));
    if (input.maxUses && input.maxUsesPerCustomer && *input.maxUsesPerCustomer > *input.maxUses)
        return StoreError::invalid(
            u"max_uses_per_customer"_s,
            tr("A customer cannot use the code more often than it can be used in all."));
    if (input.plus.size() > kMaxProducts)
        return StoreError::invalid(
            u"products"_s, tr("A code can be limited to at most %L1 products.").arg(kMaxProducts));
    for (const QString &plu : input.plus)
        if (plu.trimmed().isEmpty())
            return StoreError::invalid(u"products"_s, tr("A product's PLU is empty."));
    if (input.categoryIds.size() > kMaxCategories)
        return StoreError::invalid(
            u"categories"_s,
            tr("A code can be limited to at most %L1 categories.").arg(kMaxCategories));
    return std::nullopt;
}

Result<QList<PromoCode>> PromoStore::list() const
{
    auto q = Sql::run(m_db, selectCodes({}));
    if (!q)
        return q.error();
    QList<PromoCode> codes;
    while (q.value().next())
        codes.append(codeFrom(q.value().record()));
    return codes;
}

Result<PromoCode> PromoStore::byId(qint64 id) const
{
    auto q = Sql::run(m_db, selectCodes(u"WHERE p.id = ?"_s), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no promo code with id %1.").arg(id));
    return codeFrom(q.value().record());
}

Result<PromoCode> PromoStore::save(const Actor &actor, const PromoCodeInput &input)
{
    if (auto refused = checkPermission(actor.role, Permission::ManagePromotions))
        return *refused;
    if (auto invalid = validate(input))
        return *invalid;
    const QString code = normalised(input.code);

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // The code being changed, locked, is checked before anything else is
    // looked at: the head office's is refused (its categories are central's),
    // and a code's text never changes.
    if (input.id != 0) {
        auto current =
            Sql::run(m_db, u"SELECT code, from_central FROM promo_codes WHERE id = ? FOR UPDATE"_s,
                     {input.id});
        if (!current)
            return current.error();
        if (!current.value().next())
            return StoreError::notFound(tr("There is no promo code with id %1.").arg(input.id));
        if (current.value().value(1).toBool())
            return headOfficesCode(current.value().value(0).toString());
        if (current.value().value(0).toString() != code)
            return StoreError::invalid(u"code"_s,
                                       tr("A code's text cannot change once it is made; make "
                                          "a new code instead."));
    }
    // The products by PLU, every one known.
    QStringList plus;
    for (const QString &plu : input.plus)
        if (!plus.contains(plu.trimmed()))
            plus << plu.trimmed();
    QList<qint64> productIds;
    if (!plus.isEmpty()) {
        auto found = Sql::run(m_db, u"SELECT plu, id FROM products WHERE plu = ANY (?::text[])"_s,
                              {PgArray::text(plus)});
        if (!found)
            return found.error();
        QHash<QString, qint64> byPlu;
        while (found.value().next())
            byPlu.insert(found.value().value(0).toString(), found.value().value(1).toLongLong());
        for (const QString &plu : std::as_const(plus)) {
            if (!byPlu.contains(plu))
                return StoreError::invalid(u"products"_s,
                                           tr("There is no product with PLU %1.").arg(plu));
            productIds << byPlu.value(plu);
        }
    }

    // The categories, every one known (locked: one deleted meanwhile would
    // leave the code limited to nothing it names).
    QList<qint64> categoryIds;
    for (qint64 id : input.categoryIds)
        if (!categoryIds.contains(id))
            categoryIds << id;
    if (!categoryIds.isEmpty()) {
        auto found = Sql::run(
            m_db, u"SELECT id FROM categories WHERE id = ANY (?::bigint[]) FOR KEY SHARE"_s,
            {PgArray::integers(categoryIds)});
        if (!found)
            return found.error();
        QSet<qint64> known;
        while (found.value().next())
            known.insert(found.value().value(0).toLongLong());
        for (qint64 id : std::as_const(categoryIds))
            if (!known.contains(id))
                return StoreError::invalid(u"categories"_s, tr("There is no category %1.").arg(id));
    }

    const auto refusal = [&](const StoreError &error) -> StoreError {
        if (error.isUniqueViolation())
            return StoreError::conflict(tr("There is already a promo code %1.").arg(code),
                                        u"code"_s);
        // A CHECK the form let through names its column.
        const QString c = error.constraint;
        const QString field = c.contains(u"max_uses_per_customer"_s) ? u"max_uses_per_customer"_s
            : c.contains(u"max_uses"_s)                              ? u"max_uses"_s
            : c.contains(u"min_total"_s)                             ? u"min_total"_s
            : c.contains(u"code"_s) && !c.endsWith(u"codes_check"_s) ? u"code"_s
            : c == u"promo_codes_check1"_s                           ? u"valid_until"_s
                                                                     : u"value"_s;
        if (error.sqlState == u"23514"_s)
            return StoreError::invalid(field, tr("The database refused the %1.").arg(field));
        return error;
    };

    const std::initializer_list<Sql::Named> values {
        {u":id"_s, input.id},
        {u":code"_s, code},
        {u":kind"_s, input.kind == PromoKind::Percent ? u"percent"_s : u"amount"_s},
        {u":value"_s, input.value},
        {u":valid_from"_s, optionalTime(input.validFrom)},
        {u":valid_until"_s, optionalTime(input.validUntil)},
        {u":min_total"_s, input.minTotal},
        {u":max_uses"_s, optionalInt(input.maxUses)},
        {u":max_uses_per_customer"_s, optionalInt(input.maxUsesPerCustomer)},
        {u":active"_s, input.active},
        {u":automatic"_s, input.automatic},
        {u":staff"_s, actor.staffId},
    };
    qint64 id = input.id;
    if (id == 0) {
        auto made = Sql::run(
            m_db,
            u"INSERT INTO promo_codes (code, kind, value, valid_from, valid_until, min_total, "
            "max_uses, max_uses_per_customer, active, automatic, created_by, updated_by) "
            "SELECT :code::text, :kind::text, :value::bigint, :valid_from::timestamptz, "
            ":valid_until::timestamptz, :min_total::bigint, :max_uses::int, "
            ":max_uses_per_customer::int, :active::boolean, :automatic::boolean, :staff::bigint, "
            ":staff::bigint "
            "WHERE :id::bigint = 0 "
            "RETURNING id"_s,
            values);
        if (!made)
            return refusal(made.error());
        made.value().next();
        id = made.value().value(0).toLongLong();
    } else {
        auto changed = Sql::run(
            m_db,
            u"UPDATE promo_codes SET kind = :kind, value = :value, valid_from = :valid_from, "
            "valid_until = :valid_until, min_total = :min_total, max_uses = :max_uses, "
            "max_uses_per_customer = :max_uses_per_customer, active = :active, "
            "automatic = :automatic, "
            "updated_by = :staff, updated_at = now() WHERE id = :id AND code = :code"_s,
            values);
        if (!changed)
            return refusal(changed.error());
        for (const QString &table : {u"promo_code_products"_s, u"promo_code_categories"_s}) {
            auto cleared =
                Sql::run(m_db, u"DELETE FROM %1 WHERE promo_code_id = ?"_s.arg(table), {id});
            if (!cleared)
                return cleared.error();
        }
    }
    if (!productIds.isEmpty()) {
        auto linked = Sql::run(m_db,
                               u"INSERT INTO promo_code_products (promo_code_id, product_id) "
                               "SELECT ?, unnest(?::bigint[])"_s,
                               {id, PgArray::integers(productIds)});
        if (!linked)
            return linked.error();
    }
    if (!categoryIds.isEmpty()) {
        auto linked = Sql::run(m_db,
                               u"INSERT INTO promo_code_categories (promo_code_id, category_id) "
                               "SELECT ?, unnest(?::bigint[])"_s,
                               {id, PgArray::integers(categoryIds)});
        if (!linked)
            return linked.error();
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return byId(id);
}

Result<PromoCode> PromoStore::deactivate(const Actor &actor, qint64 id)
{
    if (auto refused = checkPermission(actor.role, Permission::ManagePromotions))
        return *refused;
    auto changed = Sql::run(m_db,
                            u"UPDATE promo_codes SET active = false, updated_by = ?, "
                            "updated_at = now() WHERE id = ? AND NOT from_central"_s,
                            {actor.staffId, id});
    if (!changed)
        return changed.error();
    if (changed.value().numRowsAffected() == 0) {
        auto code = byId(id);
        if (!code)
            return code.error();
        return headOfficesCode(code->code);
    }
    return byId(id);
}

Result<QList<PromoUsage>> PromoStore::usage(const Actor &actor, const QDateTime &from,
                                            const QDateTime &until) const
{
    if (auto refused = checkPermission(actor.role, Permission::ManagePromotions))
        return *refused;
    if (from.isValid() && until.isValid() && until <= from)
        return StoreError::invalid(u"until"_s, tr("The period must end after it starts."));
    // What was paid: an order paid with the code (also one returned since),
    // by the moment it was paid.
    auto q = Sql::run(m_db,
                      u"SELECT p.id, p.code, count(*), sum(o.subtotal), sum(o.discount) "
                      "FROM orders o JOIN promo_codes p ON p.id = o.promo_code_id "
                      "WHERE o.paid_at IS NOT NULL AND o.status IN ('paid', 'returned') "
                      "AND (:from::timestamptz IS NULL OR o.paid_at >= :from) "
                      "AND (:until::timestamptz IS NULL OR o.paid_at < :until) "
                      "GROUP BY p.id, p.code ORDER BY sum(o.discount) DESC, p.code"_s,
                      {{u":from"_s, optionalTime(from)}, {u":until"_s, optionalTime(until)}});
    if (!q)
        return q.error();
    QList<PromoUsage> rows;
    while (q.value().next()) {
        PromoUsage u;
        u.promoId = q.value().value(0).toLongLong();
        u.code = q.value().value(1).toString();
        u.uses = q.value().value(2).toInt();
        u.subtotal = q.value().value(3).toLongLong();
        u.discount = q.value().value(4).toLongLong();
        rows.append(u);
    }
    return rows;
}

} // namespace shopdesk
