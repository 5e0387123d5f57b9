#pragma once

#include <QString>

namespace shopdesk {

// A line of a sale as the till builds it.
struct CartLine
{
    QString plu;
    int qty = 0; // grams for goods sold by weight
};

} // namespace shopdesk
