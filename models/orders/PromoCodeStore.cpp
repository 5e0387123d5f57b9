#include "PromoCodeStore.h"

#include "models/core/Money.h"
#include "models/core/Sql.h"

#include <QLocale>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<PromoCodeStore::Valid> PromoCodeStore::check(const QString &typed,
                                                    std::optional<qint64> subtotal,
                                                    const QTimeZone &zone) const
{
    const QString code = typed.trimmed().toUpper();
    auto q = Sql::run(m_db,
                      u"SELECT id, kind, value, active, valid_from, valid_until, min_total, "
                      "valid_from > now() AS early, valid_until <= now() AS late "
                      "FROM promo_codes WHERE code = ?"_s,
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
    // The schema allows no other kind (a CHECK constraint).
    valid.promo.kind =
        promoKindFromKey(row.value(u"kind"_s).toString()).value_or(PromoKind::Amount);
    valid.promo.value = row.value(u"value"_s).toLongLong();
    valid.minTotal = row.value(u"min_total"_s).toLongLong();
    if (subtotal && *subtotal < valid.minTotal)
        return StoreError::invalid(
            u"promo_code"_s,
            tr("Promo code %1 needs a purchase of at least %2; this one is %3.")
                .arg(code, Money::format(valid.minTotal), Money::format(*subtotal)));
    return valid;
}

} // namespace shopdesk
