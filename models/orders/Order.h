#pragma once

#include "OrderStatus.h"
#include "PaymentMethod.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace shopdesk {

struct OrderLine
{
    int lineNo = 0;
    qint64 productId = 0;
    QString plu;
    QString name;
    int qty = 0;
    qint64 unitPrice = 0; // minor units; per kilogram when weighed
    int returnedQty = 0;
    bool weighed = false; // qty is grams
    qint64 catalogPrice = 0; // the catalog's price when the till changed it, else 0
    qint64 priceApprovedBy = 0; // the manager who approved the change, else 0
    QString vatCode; // vat_rates.code the line was sold at
    std::optional<int> vatRate; // basis points (2000 = 20 %); none: no VAT
    qint64 netAmount = 0; // the amount after its share of the order's discount (OrderVat)
    qint64 vatAmount = 0; // the VAT included in netAmount
    qint64 discount = 0; // its share of the order's discount (OrderVat), in netAmount

    // What `units` of the line cost (rounded to the kopeck when weighed).
    qint64 amountFor(int units) const;
    qint64 amount() const { return amountFor(qty); }
};

struct Order
{
    qint64 id = 0;
    qint64 shopId = 0;
    QString till;
    QString number; // "TVR-1-000042": shop code, till, count
    qint64 staffId = 0;
    qint64 customerId = 0; // 0: none
    OrderStatus status = OrderStatus::New;
    qint64 subtotal = 0;
    qint64 discount = 0;
    qint64 total = 0;
    std::optional<PaymentMethod> paymentMethod; // none while unpaid
    qint64 paidCash = 0;
    qint64 paidCard = 0;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime paidAt;
    QString failure; // why a failed order failed
    QList<OrderLine> lines;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::Order)
