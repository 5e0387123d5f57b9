#pragma once

#include "OrderStatus.h"
#include "PaymentMethod.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace shopdesk {

// The Orders page's filters; every field optional.
struct OrderFilter
{
    qint64 shopId = 0; // 0: every shop
    std::optional<OrderStatus> status; // none: any
    std::optional<QDate> dateMin; // created, inclusive, in timeZone
    std::optional<QDate> dateMax;
    QString timeZone = QStringLiteral("UTC");
    qint64 staffId = 0; // the cashier; 0: anyone
    qint64 customerId = 0; // 0: any
};

// One row of the order list.
struct OrderSummary
{
    qint64 id = 0;
    QString number;
    QDateTime createdAt;
    OrderStatus status = OrderStatus::New;
    QString cashier;
    qint64 staffId = 0;
    qint64 total = 0;
    std::optional<PaymentMethod> paymentMethod; // none while unpaid
    QString failure;
};

} // namespace shopdesk
