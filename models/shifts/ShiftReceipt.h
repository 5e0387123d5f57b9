#pragma once

#include "ShiftReport.h"
#include "models/checkout/Receipt.h"
#include "models/shops/ShopStore.h"

#include <QCoreApplication>

namespace shopdesk {

// The X or Z report as the till prints and shows it: fixed-width lines for
// the receipt roll (ESC/POS), a PDF or the screen, times in the shop's zone.
class ShiftReceipt
{
    Q_DECLARE_TR_FUNCTIONS(ShiftReceipt)
public:
    static Receipt forReport(const ShiftReport &report, const Shop &shop, int width = 42);
};

} // namespace shopdesk
