#pragma once

#include "CartLine.h"
#include "models/staff/StaffStore.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace shopdesk {

// A line's price changed at the till. Only a manager's approval (made by
// StaffStore after their password or PIN) lets one through.
struct PriceOverride
{
    QString plu;
    qint64 unitPrice = 0; // minor units; per kilogram when sold by weight
    ManagerApproval approval;
};

// What the till asks for: the lines to reserve and what prices them.
struct NewOrder
{
    qint64 shopId = 0;
    QString till = QStringLiteral("1");
    QList<CartLine> lines; // the same PLU twice is one line with both counts
    std::optional<qint64> customerId;
    QString promoCode; // empty: none
    int paymentTimeoutMinutes = 15;
    std::vector<PriceOverride> priceOverrides;
};

} // namespace shopdesk
