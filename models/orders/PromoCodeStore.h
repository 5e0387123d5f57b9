#pragma once

#include "OrderPricing.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QTimeZone>

#include <optional>

namespace shopdesk {

// A promo code checked for a purchase: known, switched on, valid now, and
// the purchase big enough. A refusal says exactly which of these failed.
class PromoCodeStore
{
    Q_DECLARE_TR_FUNCTIONS(PromoCodeStore)
public:
    struct Valid
    {
        qint64 id = 0;
        Promo promo;
        qint64 minTotal = 0;
    };

    explicit PromoCodeStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // `subtotal`: the purchase before the discount; without it the minimum
    // is not checked (the code typed before anything was scanned). Dates in
    // refusals are shown in `zone` (the shop's).
    Result<Valid> check(const QString &code, std::optional<qint64> subtotal,
                        const QTimeZone &zone = QTimeZone::utc()) const;

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
