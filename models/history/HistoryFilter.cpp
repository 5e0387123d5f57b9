#include "HistoryFilter.h"

#include "models/core/PgArray.h"

#include <QCoreApplication>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace shopdesk {

const QStringList &HistoryFilter::knownActions()
{
    // As in the history table's CHECK constraint.
    static const QStringList actions {
        u"product_created"_s, u"product_changed"_s, u"stock_created"_s, u"stock_increased"_s,
        u"stock_decreased"_s, u"reserved"_s,        u"released"_s,      u"sold"_s,
        u"returned"_s,        u"stocktake"_s,       u"received"_s,      u"receipt_cancelled"_s,
        u"written_off"_s,
    };
    return actions;
}

std::optional<StoreError> HistoryFilter::validate() const
{
    for (const QString &action : actions)
        if (!knownActions().contains(action))
            return StoreError::invalid(u"action"_s,
                                       tr("Unknown action \"%1\"; use one of: %2.")
                                           .arg(action, knownActions().join(u", "_s)));
    if (dateMin && !dateMin->isValid())
        return StoreError::invalid(u"date_min"_s, tr("date_min is not a valid date."));
    if (dateMax && !dateMax->isValid())
        return StoreError::invalid(u"date_max"_s, tr("date_max is not a valid date."));
    if (dateMin && dateMax && *dateMin > *dateMax)
        return StoreError::invalid(
            u"date_min"_s,
            tr("date_min (%1) is after date_max (%2).")
                .arg(dateMin->toString(Qt::ISODate), dateMax->toString(Qt::ISODate)));
    // Region names only (and UTC): PostgreSQL reads an offset name such as
    // "UTC+03:00" the POSIX way, with the sign reversed.
    if (!QTimeZone(timeZone.toUtf8()).isValid() ||
        (timeZone != u"UTC"_s && !timeZone.contains(u'/')))
        return StoreError::invalid(u"time_zone"_s, tr("Unknown time zone \"%1\".").arg(timeZone));
    if (plu.size() > 64)
        return StoreError::invalid(u"plu"_s, tr("A PLU has at most 64 characters."));
    if ((shopId && *shopId <= 0) || (staffId && *staffId <= 0) || (orderId && *orderId <= 0))
        return StoreError::invalid(shopId && *shopId <= 0         ? u"shop_id"_s
                                       : staffId && *staffId <= 0 ? u"staff_id"_s
                                                                  : u"order_id"_s,
                                   tr("An id is a positive number."));
    return std::nullopt;
}

QString HistoryFilter::whereClause(QVariantList *values) const
{
    QStringList conditions;
    auto add = [&](const QString &condition, const QVariant &value) {
        conditions << condition;
        values->append(value);
    };
    if (shopId)
        add(u"h.shop_id = ?"_s, *shopId);
    if (!plu.isEmpty())
        add(u"h.plu = ?"_s, plu);
    // A calendar day in the shop's zone, turned into instants once so the
    // time index is used: [date_min 00:00, date_max + 1 day 00:00).
    if (dateMin) {
        conditions << u"h.at >= (?::date)::timestamp AT TIME ZONE ?"_s;
        values->append(dateMin->toString(Qt::ISODate));
        values->append(timeZone);
    }
    if (dateMax) {
        conditions << u"h.at < (?::date + 1)::timestamp AT TIME ZONE ?"_s;
        values->append(dateMax->toString(Qt::ISODate));
        values->append(timeZone);
    }
    if (actions.size() == 1)
        add(u"h.action = ?"_s, actions.constFirst());
    else if (!actions.isEmpty())
        add(u"h.action = ANY (?::text[])"_s, PgArray::text(actions));
    if (staffId)
        add(u"h.staff_id = ?"_s, *staffId);
    if (orderId)
        add(u"h.order_id = ?"_s, *orderId);
    return conditions.isEmpty() ? QString() : u"WHERE "_s + conditions.join(u" AND "_s);
}

QString HistoryCursor::toToken() const
{
    const QByteArray raw = QByteArray::number(atMicros) + '.' + QByteArray::number(id);
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<HistoryCursor> HistoryCursor::fromToken(const QString &token)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || token.size() > 64)
        return std::nullopt;
    const QList<QByteArray> parts = decoded.decoded.split('.');
    if (parts.size() != 2)
        return std::nullopt;
    bool atOk = false, idOk = false;
    HistoryCursor c {parts[0].toLongLong(&atOk), parts[1].toLongLong(&idOk)};
    // Within about ±3,000 years of 1970: PostgreSQL's timestamp arithmetic
    // stays in range, and no real row is further off.
    constexpr qint64 kLimit = 100'000'000'000'000'000;
    if (!atOk || !idOk || c.id <= 0 || c.atMicros > kLimit || c.atMicros < -kLimit)
        return std::nullopt;
    return c;
}

} // namespace shopdesk
