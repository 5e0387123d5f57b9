#include "OrderExpirySweep.h"

#include "OrdersService.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

OrderExpirySweep::OrderExpirySweep(QObject *parent)
    : PeriodicSweep(u"Expiring unpaid orders"_s, &OrdersService::expireOverdue, parent)
{
}

} // namespace shopdesk
