#pragma once

#include "models/orders/OrderPricing.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace shopdesk {

// A promo code as a manager sees it (promo_codes, 0001, 0015, 0022): what it
// takes off, when, for whom and how often, and how much it has been used.
struct PromoCode
{
    qint64 id = 0;
    QString code; // "SPRING10": the natural key, fixed once made
    PromoKind kind = PromoKind::Percent;
    qint64 value = 0; // percent, or minor units
    QDateTime validFrom; // invalid: from the start
    QDateTime validUntil; // invalid: no end; the code stops at this moment
    qint64 minTotal = 0; // the smallest purchase, before the discount
    std::optional<int> maxUses; // none: no limit
    std::optional<int> maxUsesPerCustomer;
    bool active = true;
    bool automatic = false; // applied by the till with no code typed
    // Sent by the head office with the catalog (PromoFeed): used here,
    // changed only there.
    bool fromCentral = false;
    QStringList plus; // the products it is limited to
    // The categories it is limited to (with their subcategories), and their
    // paths ("Dairy / Milk"); with no products and no categories: every product.
    QList<qint64> categoryIds;
    QStringList categories;
    int uses = 0; // orders that used it and were not failed or cancelled
    qint64 discountGiven = 0; // the money those orders were given off
    QDateTime updatedAt;
};

// A new code (id 0) or what an existing one becomes (PromoStore::save).
struct PromoCodeInput
{
    qint64 id = 0;
    QString code;
    PromoKind kind = PromoKind::Percent;
    qint64 value = 0;
    QDateTime validFrom;
    QDateTime validUntil;
    qint64 minTotal = 0;
    std::optional<int> maxUses;
    std::optional<int> maxUsesPerCustomer;
    bool active = true;
    bool automatic = false;
    QStringList plus;
    QList<qint64> categoryIds;
};

// What one code did over a period: the orders paid with it and what they
// were given off (the uses report).
struct PromoUsage
{
    qint64 promoId = 0;
    QString code;
    int uses = 0;
    qint64 subtotal = 0; // the orders before the discount
    qint64 discount = 0; // the money the code cost
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::PromoCode)
