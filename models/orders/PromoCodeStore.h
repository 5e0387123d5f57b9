#pragma once

#include "OrderPricing.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QTimeZone>

#include <optional>

namespace shopdesk {

// A promo code checked for a purchase: known, switched on, valid now, the
// purchase big enough, uses left in all and for the customer, and something
// in the purchase it applies to. A refusal says exactly which of these failed.
class PromoCodeStore
{
    Q_DECLARE_TR_FUNCTIONS(PromoCodeStore)
public:
    struct Valid
    {
        qint64 id = 0;
        QString code;
        Promo promo; // with the products it is limited to, if any
        qint64 minTotal = 0;
        std::optional<int> maxUses; // none: no limit
        std::optional<int> maxUsesPerCustomer;
        int uses = 0; // orders that used it and were not failed or cancelled
    };

    // What a check knows of the purchase; what it does not know is not checked.
    struct Purchase
    {
        // Before the discount; without it the minimum is not checked (the
        // code typed before anything was scanned).
        std::optional<qint64> subtotal;
        // The products on its lines (products.id); empty: not known yet.
        QList<qint64> productIds;
        // Whether a customer is known, and who: the per-customer limit
        // needs one.
        bool customerKnown = false;
        std::optional<qint64> customerId;
        // In the order's transaction: the code's row is locked until it
        // ends, so two tills never both take its last use.
        bool lock = false;
    };

    explicit PromoCodeStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Dates in refusals are shown in `zone` (the shop's).
    Result<Valid> check(const QString &code, const Purchase &purchase,
                        const QTimeZone &zone = QTimeZone::utc()) const;
    // The code and the subtotal alone (no limits that need a customer).
    Result<Valid> check(const QString &code, std::optional<qint64> subtotal,
                        const QTimeZone &zone = QTimeZone::utc()) const;

    // The promotions the till may apply by itself (promo_codes.automatic)
    // now, for a purchase of `subtotal`: their codes, oldest first. Each is
    // then checked like a typed code (check()), which may still refuse it.
    Result<QStringList> automaticCandidates(qint64 subtotal) const;

    // The statuses of an order that count as a use of its code, as SQL
    // (`orders.status IN …`): awaiting payment holds its use like its stock.
    static QString countedStatuses();

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
