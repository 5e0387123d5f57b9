#pragma once

#include "Order.h"
#include "OrderVat.h"
#include "PaymentMethod.h"

namespace shopdesk {

// A return of some units of one line of a paid order.
struct ReturnLine
{
    int lineNo = 0;
    int qty = 0;
};

struct ReturnedItems
{
    Order order;
    qint64 refund = 0; // to pay back, minor units, the order's discount shared out
    // Card for an order paid by card; cash otherwise (a split order too).
    PaymentMethod method = PaymentMethod::Cash;
    // What this return took back by VAT rate: the lines' net amounts and VAT.
    QList<VatTotal> vat;
};

} // namespace shopdesk
