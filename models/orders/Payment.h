#pragma once

#include "Order.h"
#include "PaymentMethod.h"

namespace shopdesk {

// The money handed over for an order awaiting payment.
struct Payment
{
    PaymentMethod method = PaymentMethod::Cash;
    qint64 cashTendered = 0; // what the customer handed over (cash and split)
    qint64 card = 0; // the card part of a split payment
};

struct PaidOrder
{
    Order order;
    qint64 change = 0; // cash to hand back
};

} // namespace shopdesk
