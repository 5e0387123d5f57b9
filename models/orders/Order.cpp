#include "Order.h"

#include "OrderPricing.h"

namespace shopdesk {

qint64 OrderLine::amountFor(int units) const
{
    return OrderPricing::lineAmount(unitPrice, units, weighed);
}

} // namespace shopdesk
